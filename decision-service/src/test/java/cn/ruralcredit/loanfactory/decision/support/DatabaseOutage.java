package cn.ruralcredit.loanfactory.decision.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kills the tests' MariaDB server as {@code kill -9} would, and starts it again with the same
 * command line (same port, same data), as a supervisor would: the service must answer 503 while
 * it is gone and recover by itself when it is back.
 */
public final class DatabaseOutage {
    private static final Path DATA = Path.of("target", "mariadb-test", "mariadb-data").toAbsolutePath();

    private final List<String> command;

    private DatabaseOutage(List<String> command) {
        this.command = command;
    }

    /** Kills the server with SIGKILL and waits until it is gone. */
    public static DatabaseOutage killServer() throws InterruptedException {
        ProcessHandle server = server();
        List<String> command = new ArrayList<>();
        command.add(server.info().command().orElseThrow());
        for (String arg : server.info().arguments().orElseThrow()) {
            // a one-off start-up file, deleted once the server was up
            if (!arg.startsWith("--init-file=")) command.add(arg);
        }
        server.destroyForcibly();
        server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        return new DatabaseOutage(command);
    }

    /** Starts the server again on the same port and data; returns once it accepts connections. */
    public void restart() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(DATA.resolveSibling("restarted-mariadbd.log").toFile())
                .start();
        int port = Integer.parseInt(command.stream().filter(a -> a.startsWith("--port=")).findFirst().orElseThrow().substring(7));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the MariaDB server did not come back (alive: " + p.isAlive() + ")");
    }

    private static ProcessHandle server() {
        String marker = "--datadir=" + DATA;
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().filter(c -> c.contains("mariadbd") && c.contains(marker + " ")).isPresent())
                .toList();
        if (servers.size() != 1) throw new IllegalStateException(servers.size() + " MariaDB servers on " + DATA);
        return servers.get(0);
    }
}
