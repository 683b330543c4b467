package cn.ruralcredit.loanfactory.decision.support;

import cn.ruralcredit.loanfactory.catalog.embedded.EmbeddedMariaDb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a running service, in a process of its own: it starts the embedded MariaDB on a
 * data directory as the service does, prints {@code READY <jdbc url>} and holds the data until its
 * standard input closes (or it is killed). Tests start it with {@link #spawn}.
 */
public final class EmbeddedDbHolder {
    private EmbeddedDbHolder() {
    }

    /** args: data directory, database, service port. */
    public static void main(String[] args) throws IOException {
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), args[1], Integer.parseInt(args[2]))) {
            System.out.println("READY " + db.jdbcUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the data directory until the test closes our input
            }
        }
    }

    /** A running holder: its process and the JDBC URL of its database. */
    public record Holder(Process process, String jdbcUrl) {
    }

    /** Starts a holder JVM on {@code home} for a service on {@code servicePort}; waits until its database is up. */
    public static Holder spawn(Path home, String database, int servicePort) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), EmbeddedDbHolder.class.getName(),
                home.toString(), database, Integer.toString(servicePort))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) return new Holder(p, line.substring("READY ".length()).trim());
            if (System.nanoTime() > deadline) break;
        }
        p.destroyForcibly();
        throw new IllegalStateException("the holder process did not start its database (exit " + p.waitFor() + ")");
    }
}
