package cn.ruralcredit.loanfactory.decision.jobs;

import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.decision.platform.Ulid;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * New jobs are admitted only with room in the queue (3 per user, 20 in all, waiting or running)
 * and over a range the stored decisions can fill (to no later than today, at most 3,660 days).
 * Jobs held "running" by another node are put in the table directly, so the runner of this node
 * leaves them alone and the queue stays full for as long as the test needs it.
 */
@QuarkusTest
class JobQueueTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final String PASSWORD = "correct horse battery";
    private final List<String> held = new ArrayList<>();

    @AfterEach
    void releaseHeldJobs() {
        if (!held.isEmpty()) QuarkusTransaction.requiringNew().run(() -> BackgroundJob.delete("id in ?1", held));
        held.clear();
    }

    /** A job of {@code user} that another node runs and keeps alive for the next hour. */
    private void holdRunningJob(String user) {
        QuarkusTransaction.requiringNew().run(() -> {
            BackgroundJob job = new BackgroundJob();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            job.id = Ulid.next(now.toEpochMilli());
            job.kind = BackgroundJob.REPLAY_CAMPAIGN;
            job.status = BackgroundJob.RUNNING;
            job.productCode = "FUNONG";
            job.fromDate = TODAY;
            job.toDate = TODAY;
            job.windowEnd = now;
            job.owner = "another-node";
            job.heartbeatAt = now.plus(1, ChronoUnit.HOURS);
            job.createdBy = user;
            job.createdAt = now;
            job.persist();
            held.add(job.id);
        });
    }

    private static String newAuditor() {
        String username = "queue.auditor." + System.nanoTime() % 1_000_000;
        Auth.as(Auth.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "roles", List.of("AUDITOR")))
                .when().post("/api/v1/admin/users").then().statusCode(201);
        return username;
    }

    private static ValidatableResponse campaign(String user, Map<String, Object> body) {
        return given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/replays").then();
    }

    private static Map<String, Object> today() {
        return Map.of("productCode", "FUNONG", "from", TODAY.toString(), "to", TODAY.toString());
    }

    @Test
    void shouldRefuseAFourthJobOfOneUserWith429AndRetryAfter() {
        String auditor = newAuditor();
        for (int i = 0; i < 3; i++) holdRunningJob(auditor);
        campaign(auditor, today())
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("30"))
                .body("status", equalTo(429))
                .body("detail", containsString("3 jobs waiting or running"));
        // another user still has room
        campaign(newAuditor(), today()).statusCode(202);
    }

    @Test
    void shouldRefuseAJobWhenTheWholeQueueIsFull() {
        for (int i = 0; i < 20; i++) holdRunningJob("someone.else." + (i % 7));
        campaign(newAuditor(), today())
                .statusCode(429)
                .header("Retry-After", equalTo("30"))
                .body("detail", containsString("the most the service queues (20)"));
    }

    @Test
    void shouldRefuseARangeTheStoredDecisionsCannotFill() {
        String auditor = newAuditor();
        campaign(auditor, Map.of("productCode", "FUNONG", "from", "1000-01-01", "to", "9999-12-31"))
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("to"));
        campaign(auditor, Map.of("productCode", "FUNONG", "from", "1000-01-01", "to", TODAY.toString()))
                .statusCode(400)
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].message", containsString("at most 3660"));
        campaign(auditor, Map.of("productCode", "FUNONG", "from", TODAY.plusDays(1).toString()))
                .statusCode(400);
        // the longest range allowed, on a product without decisions: nothing for the runner to do
        Auth.as(Auth.MANAGER).contentType(ContentType.JSON)
                .body(Map.of("code", "QUEUE_CARD", "nameZh", "队列卡", "nameEn", "Queue card", "segments", List.of("RESIDENT")))
                .when().post("/api/v1/products").then().statusCode(201);
        campaign(auditor, Map.of("productCode", "QUEUE_CARD", "from", TODAY.minusDays(3659).toString(), "to", TODAY.toString()))
                .statusCode(202)
                .body("progress.total", equalTo(0));
    }

    @Test
    void shouldBoundSimulationsTheSameWay() {
        int draft = Factory.draftFrom("FUNONG", 1).getInt("version");
        Auth.as(Auth.MANAGER).contentType(ContentType.JSON).body(Map.of("from", "1000-01-01", "to", "9999-12-31"))
                .when().post("/api/v1/products/FUNONG/versions/" + draft + "/simulations").then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
    }
}
