package io.sluice.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real stack for end-to-end tests: a Kafka broker, an Apicurio Registry and a Connect worker,
 * started once per test run as separate processes by {@code bin/stack} on free ports, with the built
 * plugin directories in the worker's {@code plugin.path}. Nothing is built here: the reactor built the
 * plugins before this module. Use as {@code @ExtendWith(LocalStack.class)} and take a {@code LocalStack}
 * parameter in a {@code @BeforeAll} method or a test.
 */
public final class LocalStack implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStack.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context);
    }

    private static Stack running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Stack.class, key -> Stack.start(), Stack.class);
    }

    /** A started stack; closed (bin/stack down) by JUnit when the whole test run ends. */
    public static final class Stack implements ExtensionContext.Store.CloseableResource {

        private final Path root;
        private final Path stateDir;
        private final Map<String, String> env;
        private final int kafkaPort;
        private final int registryPort;
        private final int connectPort;
        private final int secondWorkerPort;
        private final ConnectClient connect;

        private Stack(Path root, Path stateDir, Map<String, String> env) {
            this.root = root;
            this.stateDir = stateDir;
            this.env = env;
            this.kafkaPort = Integer.parseInt(env.get("SLUICE_KAFKA_PORT"));
            this.registryPort = Integer.parseInt(env.get("SLUICE_REGISTRY_PORT"));
            this.connectPort = Integer.parseInt(env.get("SLUICE_CONNECT_PORT"));
            this.secondWorkerPort = Integer.parseInt(env.get("SLUICE_CONNECT_2_PORT"));
            this.connect = new ConnectClient("http://127.0.0.1:" + connectPort);
        }

        static Stack start() {
            Path root = Path.of(System.getProperty("sluice.root", "..")).toAbsolutePath().normalize();
            Path stateDir = root.resolve("it/target/stack");
            List<Integer> ports = freePorts(6);
            Map<String, String> env = Map.of(
                    "SLUICE_STACK_DIR", stateDir.toString(),
                    "SLUICE_STACK_NO_BUILD", "1",
                    "SLUICE_KAFKA_PORT", ports.get(0).toString(),
                    "SLUICE_CONTROLLER_PORT", ports.get(1).toString(),
                    "SLUICE_REGISTRY_PORT", ports.get(2).toString(),
                    "SLUICE_REGISTRY_MANAGEMENT_PORT", ports.get(3).toString(),
                    "SLUICE_CONNECT_PORT", ports.get(4).toString(),
                    // not read by bin/stack: the port given to `bin/stack up-worker 2`
                    "SLUICE_CONNECT_2_PORT", ports.get(5).toString(),
                    // Debezium's plugins sit beside ours for compatibility tests.
                    "SLUICE_EXTRA_PLUGIN_DIRS", root.resolve("stack/target/debezium").toString());
            Stack stack = new Stack(root, stateDir, env);
            stack.run("reset");
            stack.run("up");
            return stack;
        }

        public String bootstrapServers() {
            return "127.0.0.1:" + kafkaPort;
        }

        public String registryUrl() {
            return "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
        }

        public String connectUrl() {
            return "http://127.0.0.1:" + connectPort;
        }

        public ConnectClient connect() {
            return connect;
        }

        public Path workerLog() {
            return stateDir.resolve("logs/connect.log");
        }

        public Path pluginPath() {
            return stateDir.resolve("plugins");
        }

        /** The Connect worker's pid, for checks on its process. */
        public long workerPid() {
            try {
                return Long.parseLong(Files.readString(stateDir.resolve("connect.pid")).trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** kill -9 of the Connect worker, leaving broker and registry up. */
        public void killWorker() {
            run("kill", "connect");
        }

        /** Starts (or restarts) the Connect worker and waits until it answers /health. */
        public void restartWorker() {
            run("restart", "connect");
        }

        /** Restarts the worker with {@code exactly.once.source.support} enabled or disabled. */
        public void restartWorker(boolean exactlyOnce) {
            run("restart", "connect", exactlyOnce ? "--exactly-once" : "--no-exactly-once");
        }

        /** Starts a second worker in the worker's Connect group and returns its REST API. */
        public ConnectClient startSecondWorker() {
            run("up-worker", "2", String.valueOf(secondWorkerPort));
            return new ConnectClient("http://127.0.0.1:" + secondWorkerPort);
        }

        /** The worker id (host:port) of the second worker, as the status of a task names it. */
        public String secondWorkerId() {
            return "127.0.0.1:" + secondWorkerPort;
        }

        /** The worker id (host:port) of the first worker. */
        public String workerId() {
            return "127.0.0.1:" + connectPort;
        }

        /** kill -9 of the second worker. */
        public void killSecondWorker() {
            run("kill", "connect-2");
        }

        public void stopSecondWorker() {
            run("down-worker", "2");
        }

        /** Stops the Kafka broker and starts it again (on the same data), waiting until it serves. */
        public void restartBroker() {
            run("restart", "broker");
        }

        @Override
        public void close() {
            run("down");
            dropTestSlots();
        }

        /** Inactive slots retain WAL forever: the slots of this run's connectors go with the stack. */
        private static void dropTestSlots() {
            try (java.sql.Connection admin = Databases.postgres("sluice");
                    java.sql.Statement sql = admin.createStatement()) {
                sql.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                        + " WHERE slot_name LIKE 'it\\_%' AND NOT active");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Could not drop the test replication slots", e);
            }
        }

        void run(String... args) {
            String[] command = new String[args.length + 2];
            command[0] = "bash";
            command[1] = root.resolve("bin/stack").toString();
            System.arraycopy(args, 0, command, 2, args.length);
            try {
                Files.createDirectories(stateDir.getParent());
                Path output = Files.createTempFile(stateDir.getParent(), "stack-", ".out");
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("bin/stack " + String.join(" ", args) + " took over 5 minutes");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                Files.delete(output);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("bin/stack " + String.join(" ", args) + " failed:\n" + text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static List<Integer> freePorts(int count) {
            ServerSocket[] sockets = new ServerSocket[count];
            try {
                for (int i = 0; i < count; i++) {
                    sockets[i] = new ServerSocket(0);
                }
                return java.util.Arrays.stream(sockets).map(ServerSocket::getLocalPort).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                for (ServerSocket socket : sockets) {
                    try {
                        if (socket != null) {
                            socket.close();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
    }
}
