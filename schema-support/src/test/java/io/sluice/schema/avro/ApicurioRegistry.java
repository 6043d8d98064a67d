package io.sluice.schema.avro;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry run as a separate process from the binaries the {@code stack} module unpacks into
 * {@code stack/target/registry}: 3.x ({@code quarkus-run.jar}, needs Java 21+, the Temurin 25 JDK when present)
 * or 2.x ({@code *-runner.jar}, runs on this JVM). In-memory storage; free ports; stopped by {@link #close}.
 */
final class ApicurioRegistry implements AutoCloseable {

    private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private final Process process;
    private final int port;

    private ApicurioRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The directory holding the registry binaries, if the stack module has built them. */
    static Optional<Path> binaries() {
        for (Path candidate : List.of(Path.of("..", "stack", "target", "registry"),
                Path.of("stack", "target", "registry"))) {
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    static ApicurioRegistry start(Path directory, Path log) throws IOException, InterruptedException {
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        Path quarkusRun = directory.resolve("quarkus-run.jar");
        if (Files.exists(quarkusRun) && Files.isExecutable(JAVA_25)) {
            command.add(JAVA_25.toString());
            command.add("-Xmx512m");
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx512m");
            quarkusRun = runnerJar(directory).orElseThrow(() -> new IllegalStateException(
                    "No Apicurio Registry runnable for this JVM in " + directory
                            + " (3.x needs " + JAVA_25 + ", 2.x a *-runner.jar)"));
        }
        // Start-up speed matters more than peak throughput for a test registry.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + managementPort);
        command.add("-jar");
        command.add(quarkusRun.toString());
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ApicurioRegistry registry = new ApicurioRegistry(process, port);
        try {
            registry.awaitReady(managementPort, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** The Confluent-compatible API's base URL. */
    String ccompatUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    private void awaitReady(int managementPort, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet: keep waiting until the deadline.
                Thread.sleep(250);
                continue;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Apicurio Registry was not ready within 90 s; see " + log);
    }

    private static Optional<Path> runnerJar(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

}
