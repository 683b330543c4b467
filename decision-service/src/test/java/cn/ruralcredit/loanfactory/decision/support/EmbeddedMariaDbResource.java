package cn.ruralcredit.loanfactory.decision.support;

import cn.ruralcredit.loanfactory.catalog.embedded.EmbeddedMariaDb;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A real, throw-away MariaDB for the tests: fresh data under target/ for every test run. */
public class EmbeddedMariaDbResource implements QuarkusTestResourceLifecycleManager {
    private static final Path ROOT = Path.of("target", "mariadb-test").toAbsolutePath();
    private EmbeddedMariaDb db;

    @Override
    public Map<String, String> start() {
        deleteRecursively(ROOT.resolve("mariadb-data"));
        db = EmbeddedMariaDb.start(ROOT, "loanfactory_test", 0);
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        if (db != null) db.close();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
