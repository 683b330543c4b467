package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.TestCatalog;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.TreeMap;
import java.util.Map;
import java.util.Optional;

import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Factory.versions;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory catalog (issue 11): a decision uses the version in force as the database has it,
 * never a retired or rolled-back one, and a publish made by one node is in force on another node
 * sharing the database within a second.
 */
@QuarkusTest
class CatalogCacheTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private static JsonPath decide(String code) {
        Requests request = Requests.apiExample().set("productCode", code).set("asOfDate", null);
        return Auth.channel().contentType(ContentType.JSON).body(request.toString()).post("/api/v1/decisions")
                .then().statusCode(200).extract().jsonPath();
    }

    /** FUNONG's seed rule set with a note file, so that its content (sha256) differs by {@code note}. */
    private static RuleSetSource funongWithNote(String note) {
        Map<String, String> files = new TreeMap<>(SeedRuleSets.ruleSet("FUNONG").files());
        files.put("FUNONG/notes.drl", "// " + note + "\npackage cn.ruralcredit.loanfactory.rules.notes;\n");
        return new RuleSetSource(files);
    }

    @Test
    void shouldNeverServeARetiredOrRolledBackVersion() {
        // versions published straight into the catalog (the rule workers a submission needs are slow on a busy
        // machine); retire and rollback go through the API
        TestCatalog.publish("CACHE_CARD", funongWithNote("first"));
        assertEquals(1, decide("CACHE_CARD").getInt("ruleSet.version"));

        int v2 = 2;
        TestCatalog.publishVersion("CACHE_CARD", v2, funongWithNote("second"));
        JsonPath onV2 = decide("CACHE_CARD");
        assertEquals(v2, onV2.getInt("ruleSet.version"), "the publish is in force for the next decision");
        assertEquals(funongWithNote("second").sha256(), onV2.getString("ruleSet.sha256"));

        // retired: the next decision is on version 1 again, never on the retired one
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{\"comment\": \"回退\"}")
                .post(versions("CACHE_CARD") + "/" + v2 + "/retire").then().statusCode(200);
        assertEquals(1, decide("CACHE_CARD").getInt("ruleSet.version"));

        // both retired: nothing is in force, and the cache does not pretend otherwise
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{\"comment\": \"停办\"}")
                .post(versions("CACHE_CARD") + "/1/retire").then().statusCode(200);
        Requests request = Requests.apiExample().set("productCode", "CACHE_CARD").set("asOfDate", null);
        Auth.channel().contentType(ContentType.JSON).body(request.toString()).post("/api/v1/decisions")
                .then().statusCode(422).body("detail", containsString("no published rule set in force"));

        // a rollback to version 2 publishes its content as a new version: that one decides, not the retired 2
        int v3 = Auth.as(APPROVER).contentType(ContentType.JSON)
                .body(Map.of("effectiveFrom", TODAY.toString(), "comment", "恢复第二版"))
                .post(versions("CACHE_CARD") + "/" + v2 + "/rollback").then().statusCode(200).extract().path("version");
        JsonPath onV3 = decide("CACHE_CARD");
        assertEquals(v3, onV3.getInt("ruleSet.version"));
        assertEquals(onV2.getString("ruleSet.sha256"), onV3.getString("ruleSet.sha256"));

        // a rollback retired in turn is not served either
        Auth.as(APPROVER).contentType(ContentType.JSON).body("{\"comment\": \"再停办\"}")
                .post(versions("CACHE_CARD") + "/" + v3 + "/retire").then().statusCode(200);
        Auth.channel().contentType(ContentType.JSON).body(request.set("requestId", request.requestId() + "-b").toString())
                .post("/api/v1/decisions").then().statusCode(422);
    }

    /**
     * A second node: the same cache class over its own connections to the same database, with its
     * own poller, as a second service instance has. A publish through this node (the HTTP API) is
     * in force on the second node within a second, through the catalog generation row alone.
     */
    @Test
    void shouldSeeAPublishOfAnotherNodeWithinOneSecond() throws Exception {
        TestCatalog.publish("NODES_CARD", funongWithNote("first"));
        int v2 = 2;

        MariaDbDataSource ds = new MariaDbDataSource(jdbcUrl);
        ds.setUser(username);
        password.ifPresent(p -> {
            try {
                ds.setPassword(p);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        CatalogCache otherNode = CatalogCache.over(ds);
        otherNode.startPolling();
        try {
            assertEquals(1, otherNode.snapshot().inForce("NODES_CARD", TODAY).orElseThrow().version());
            long reloadsBefore = otherNode.reloads();

            // published by this node (in one transaction, as a publish is); the other node learns it from the
            // generation row only
            TestCatalog.publishVersion("NODES_CARD", v2, funongWithNote("second"));
            long published = System.nanoTime();
            int seen;
            long elapsed;
            do {
                seen = otherNode.snapshot().inForce("NODES_CARD", TODAY).orElseThrow().version();
                elapsed = System.nanoTime() - published;
                if (seen != v2) Thread.sleep(5);
            } while (seen != v2 && elapsed < 5_000_000_000L);
            assertEquals(v2, seen, "the other node must see the publish");
            assertTrue(elapsed <= 1_000_000_000L, "the other node saw the publish after " + elapsed / 1_000_000 + " ms");
            assertTrue(otherNode.reloads() > reloadsBefore);

            // and it decides nothing on the retired version once this node retired it
            Auth.as(APPROVER).contentType(ContentType.JSON).body("{\"comment\": \"回退\"}")
                    .post(versions("NODES_CARD") + "/" + v2 + "/retire").then().statusCode(200);
            long retired = System.nanoTime();
            do {
                seen = otherNode.snapshot().inForce("NODES_CARD", TODAY).orElseThrow().version();
                elapsed = System.nanoTime() - retired;
                if (seen != 1) Thread.sleep(5);
            } while (seen != 1 && elapsed < 5_000_000_000L);
            assertEquals(1, seen);
            assertTrue(elapsed <= 1_000_000_000L, "the other node saw the retirement after " + elapsed / 1_000_000 + " ms");
        } finally {
            otherNode.stopPolling();
        }
        assertEquals(1, decide("NODES_CARD").getInt("ruleSet.version"));
    }

    /** A change made in SQL behind every service's back bumps the generation too (the triggers). */
    @Test
    void shouldCountEveryCatalogChangeInTheGeneration() throws Exception {
        TestCatalog.publish("GEN_CARD", funongWithNote("first"));
        MariaDbDataSource ds = new MariaDbDataSource(jdbcUrl);
        ds.setUser(username);
        if (password.isPresent()) ds.setPassword(password.get());
        long before;
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            before = generation(s);
            s.executeUpdate("UPDATE market_rate SET created_by = created_by WHERE 1 = 0");
            assertEquals(before, generation(s), "no row changed, no new generation");
            s.executeUpdate("UPDATE product SET description = 'changed in SQL' WHERE code = 'GEN_CARD'");
            long afterProduct = generation(s);
            assertTrue(afterProduct > before);
            s.executeUpdate("UPDATE rule_set_version v JOIN product p ON p.id = v.product_id SET v.note = 'changed in SQL' "
                    + "WHERE p.code = 'GEN_CARD'");
            long afterVersion = generation(s);
            assertTrue(afterVersion > afterProduct);
        }
    }

    private static long generation(java.sql.Statement s) throws java.sql.SQLException {
        try (var rs = s.executeQuery("SELECT generation FROM catalog_generation WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
