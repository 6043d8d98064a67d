package io.sluice.it.fault;

import io.sluice.it.Databases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Restarts of the local database servers, the way bin/db runs them (no systemd here): PostgreSQL through
 * pg_ctlcluster, MariaDB by shutting it down and starting mariadbd again. Each waits until the server answers.
 */
final class Servers {

    private Servers() {
    }

    static void restartPostgres() throws Exception {
        String version = run("bash", "-c", "ls /etc/postgresql | sort -n | tail -1").strip();
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "fast");
        awaitAnswer(() -> Databases.postgres("sluice"));
    }

    static void restartMariadb() throws Exception {
        run("mariadb-admin", "--protocol=socket", "shutdown");
        run("bash", "-c", "mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld && start-stop-daemon --start"
                + " --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql");
        awaitAnswer(() -> Databases.mariadb("sluice"));
    }

    private interface Login {
        Connection open() throws SQLException;
    }

    private static void awaitAnswer(Login login) throws InterruptedException {
        for (int i = 0; i < 240; i++) {
            try (Connection ignored = login.open()) {
                return;
            } catch (SQLException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the database did not answer within 60 s of its restart");
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
