package io.sluice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The Connect worker as a measured process: restarts it (so each system's peak is its own) and samples
 * its resident set (from /proc) and heap use (over JMX, cheaper than forking jcmd every second).
 */
final class WorkerProbe {
    private final Options options;
    private final Path stackDir;
    private volatile boolean sampling;
    private Thread sampler;
    private long peakRssKb;
    private long peakHeapBytes = -1;
    private String heapProblem = "";
    private int pid = -1;

    WorkerProbe(Options options) {
        this.options = options;
        String dir = System.getenv("SLUICE_STACK_DIR");
        this.stackDir = dir == null ? options.root.resolve(".stack") : Path.of(dir);
    }

    /** Restarts the worker through bin/stack (same environment, so the same ports and plugin.path). */
    void restartWorker() {
        ProcessBuilder pb = new ProcessBuilder(options.root.resolve("bin/stack").toString(), "restart", "connect");
        pb.redirectErrorStream(true);
        Path log = options.workDir.resolve("restart-connect.log");
        pb.redirectOutput(log.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroy();
                throw new BenchFailure("bin/stack restart connect took more than 300 s; read " + log);
            }
            if (p.exitValue() != 0) {
                throw new BenchFailure("bin/stack restart connect failed: " + Files.readString(log).strip());
            }
        } catch (IOException e) {
            throw new BenchFailure("could not run bin/stack restart connect", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }

    int workerPid() {
        try {
            return Integer.parseInt(Files.readString(stackDir.resolve("connect.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            throw new BenchFailure("no worker pid in " + stackDir.resolve("connect.pid"), e);
        }
    }

    /** Starts sampling every 500 ms until stop(). */
    void start() {
        pid = workerPid();
        peakRssKb = 0;
        peakHeapBytes = -1;
        heapProblem = "";
        sampling = true;
        sampler = new Thread(this::sampleLoop, "worker-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    record Peak(double rssMb, double hwmMb, double heapMb, String note) {}

    Peak stop() {
        sampling = false;
        try {
            sampler.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // VmHWM is the kernel's own peak since the worker started: exact when the worker was restarted for this system.
        long hwm = statusKb(pid, "VmHWM:");
        return new Peak(peakRssKb / 1024.0, hwm < 0 ? -1 : hwm / 1024.0,
                peakHeapBytes < 0 ? -1 : peakHeapBytes / (1024.0 * 1024.0), heapProblem);
    }

    private void sampleLoop() {
        JMXConnector jmx = null;
        MemoryMXBean memory = null;
        try {
            jmx = JMXConnectorFactory.connect(new JMXServiceURL(localJmxAddress(pid)));
            MBeanServerConnection conn = jmx.getMBeanServerConnection();
            memory = ManagementFactory.newPlatformMXBeanProxy(conn, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        } catch (IOException | RuntimeException e) {
            heapProblem = "heap not sampled: no JMX connection to the worker (" + e.getMessage() + ")";
        }
        try {
            while (sampling) {
                long rss = statusKb(pid, "VmRSS:");
                if (rss > peakRssKb) peakRssKb = rss;
                if (memory != null) {
                    try {
                        long used = memory.getHeapMemoryUsage().getUsed();
                        if (used > peakHeapBytes) peakHeapBytes = used;
                    } catch (RuntimeException e) {
                        heapProblem = "heap sampling stopped: " + e.getMessage();
                        memory = null;
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            if (jmx != null) {
                try {
                    jmx.close();
                } catch (IOException ignored) {
                    // closing a finished probe's connection: nothing left to report
                }
            }
        }
    }

    /**
     * Attaches to the worker (same user) and starts its local JMX agent, as jconsole does: heap can then be
     * read in-process every 500 ms, where forking jcmd each time would load a busy 2-core machine.
     */
    private static String localJmxAddress(int pid) throws IOException {
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                return vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to pid " + pid + ": " + e.getMessage(), e);
        }
    }

    private static long statusKb(int pid, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            for (String l : lines) {
                if (l.startsWith(key)) return Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0]);
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
