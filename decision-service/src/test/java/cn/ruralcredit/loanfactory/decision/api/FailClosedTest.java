package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.SlowRules;
import cn.ruralcredit.loanfactory.decision.support.TestCatalog;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A broken, altered or looping rule set in force fails the decision closed: a 500, never an approval. */
@QuarkusTest
class FailClosedTest {

    @Inject
    AgroalDataSource dataSource;

    /** The broken products must not stay in force for the tests that follow (offers match every FARMER product). */
    @AfterEach
    void retireTheBrokenProducts() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE rule_set_version v JOIN product p ON v.product_id = p.id SET v.status = 'RETIRED' "
                    + "WHERE p.code IN ('BROKEN_CARD', 'ALTERED_CARD', 'LOOPING_CARD', 'SLOW_CARD', 'EXEC_CARD')");
        }
        TestCatalog.catalogChanged();
    }

    private static RuleSetSource funongWith(UnaryOperator<String> changeGrading) {
        Map<String, String> files = new HashMap<>(SeedRuleSets.ruleSet("FUNONG").files());
        files.put("FUNONG/grading.drl", changeGrading.apply(files.get("FUNONG/grading.drl")));
        return new RuleSetSource(files);
    }

    private static void assertFailsClosed(String productCode, String detail) {
        Requests request = Requests.apiExample().set("productCode", productCode);
        Auth.channel().contentType(ContentType.JSON).body(request.toString()).when().post("/api/v1/decisions").then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("title", equalTo("Decision Failed"))
                .body("detail", containsString(detail))
                .body("detail", containsString("nothing was approved or stored"))
                .body("detail", not(containsString("Exception")));
        long stored = QuarkusTransaction.requiringNew().call(() -> Decision.count("requestId", request.requestId()));
        assertEquals(0, stored);
    }

    @Test
    void shouldFailClosedWhenTheRuleSetInForceDoesNotCompile() {
        TestCatalog.publish("BROKEN_CARD", funongWith(drl -> drl + "\nrule \"FUNONG: half-written\" when Applicant( then end\n"));
        assertFailsClosed("BROKEN_CARD", "could not be compiled");
    }

    @Test
    void shouldRefuseAStoredRuleSetTheGuardRefusesEvenWhenItIsInForce() throws Exception {
        // stored directly, as if validation had been skipped: the guard runs again on every compile in the service
        java.nio.file.Path marker = java.nio.file.Files.createTempFile("guard", ".marker");
        java.nio.file.Files.delete(marker);
        TestCatalog.publish("EXEC_CARD", funongWith(drl -> drl + """

                rule "FUNONG: run a command"
                    ruleflow-group "scoring"
                when
                then
                    java.lang.Runtime.getRuntime().exec( new String[] { "touch", "%s" } );
                end
                """.formatted(marker)));
        assertFailsClosed("EXEC_CARD", "refused by the rule guard");
        assertFalse(java.nio.file.Files.exists(marker), "the command ran");
    }

    @Test
    void shouldFailClosedWhenTheStoredRuleSetWasAlteredAfterPublication() throws Exception {
        // content of its own, so it is not already compiled under the seed's sha256: the check runs when content is loaded
        TestCatalog.publish("ALTERED_CARD", funongWith(drl -> drl + "\n// ALTERED_CARD copy of FUNONG v1\n"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            int changed = s.executeUpdate("UPDATE rule_set_file f JOIN rule_set_version v ON f.version_id = v.id "
                    + "JOIN product p ON v.product_id = p.id SET f.content = REPLACE(f.content, '\"G4\", \"优秀\", \"100000\"', "
                    + "'\"G4\", \"优秀\", \"900000\"') WHERE p.code = 'ALTERED_CARD' AND f.path = 'FUNONG/grading.drl'");
            assertEquals(1, changed);
        }
        assertFailsClosed("ALTERED_CARD", "integrity check");
    }

    @Test
    void shouldFailClosedWhenTheRuleSetLoops() {
        TestCatalog.publish("LOOPING_CARD", funongWith(drl -> drl + """

                rule "FUNONG: rescore forever"
                    ruleflow-group "scoring"
                when
                    $p : ScorePart( factor == "netAssets" )
                then
                    delete( $p );
                    insert( new ScorePart( "netAssets", $p.getPoints() ) );
                end
                """));
        assertFailsClosed("LOOPING_CARD", "fired more rules than a decision may");
    }

    @Test
    void shouldFailClosedWhenARuleSetRunsPastTheTimeCap() {
        // stored directly, as a published version would be: no loop and no recursion for the guard to refuse,
        // but f0 calls f1 twice, f1 calls f2 twice, ... 2^36 decimal additions in one consequence. The caller gets its 500
        // at the 2 s cap although the rule thread is still busy.
        String functions = SlowRules.exponentialFunctions(36);
        TestCatalog.publish("SLOW_CARD", funongWith(drl -> drl + "\n" + functions + """
                rule "FUNONG: two to the thirty-sixth calls"
                    ruleflow-group "scoring"
                when
                then
                    java.math.BigDecimal n = f0( java.math.BigDecimal.ZERO );
                end
                """));
        assertFailsClosed("SLOW_CARD", "ran longer than a decision may");
    }
}
