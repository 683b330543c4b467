package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decisions are committed many to a transaction (DecisionWriter), and the unique key decides
 * idempotency: concurrent duplicates still store one decision and all get it; a caller is answered
 * only once the transaction holding its row committed, and a commit that fails is a 503 with no row.
 */
@QuarkusTest
class GroupCommitTest {
    private static final String DECISIONS = "/api/v1/decisions";

    @Inject
    DecisionWriter writer;

    @AfterEach
    void noHook() {
        writer.beforeCommit(null);
    }

    private static Response post(String body) {
        return Auth.channel().contentType(ContentType.JSON).body(body).when().post(DECISIONS);
    }

    private static long stored(String requestId) {
        return QuarkusTransaction.requiringNew().call(() -> Decision.count("requestId", requestId));
    }

    @Test
    void shouldStoreOneDecisionPerRequestIdForManyConcurrentDuplicatesInTheSameBatches() throws Exception {
        List<Requests> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) requests.add(Requests.apiExample());
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<String[]>> calls = new ArrayList<>();
            for (int copy = 0; copy < 6; copy++) {
                for (Requests r : requests) {
                    String body = r.toString();
                    calls.add(() -> {
                        Response response = post(body);
                        return new String[]{r.requestId(), Integer.toString(response.statusCode()), response.path("decisionId")};
                    });
                }
            }
            Map<String, Set<String>> idsByRequest = new HashMap<>();
            for (Future<String[]> f : pool.invokeAll(calls)) {
                String[] answer = f.get();
                assertEquals("200", answer[1], "every duplicate is answered with the stored decision");
                idsByRequest.computeIfAbsent(answer[0], k -> new HashSet<>()).add(answer[2]);
            }
            for (Requests r : requests) {
                assertEquals(1, idsByRequest.get(r.requestId()).size(), "one decisionId for " + r.requestId());
                assertEquals(1, stored(r.requestId()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldAnswerAConcurrentDuplicateWithAnotherBodyWith409() throws Exception {
        Requests first = Requests.apiExample();
        Requests other = Requests.apiExample().set("requestId", first.requestId()).set("application.requestedAmount", 70000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> post(first.toString()).statusCode());
                calls.add(() -> post(other.toString()).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) statuses.add(f.get());
            assertEquals(8, statuses.stream().filter(s -> s == 200 || s == 409).count(), statuses.toString());
            assertEquals(4, statuses.stream().filter(s -> s == 200).count(), "the body stored first wins: " + statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, stored(first.requestId()));
    }

    @Test
    void shouldNotAnswerBeforeTheRowIsCommitted() throws Exception {
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writer.beforeCommit(connection -> {
            inCommit.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Requests request = Requests.apiExample();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> answer = pool.submit(() -> post(request.toString()));
            assertTrue(inCommit.await(30, TimeUnit.SECONDS), "the row reached its commit");
            // the row is inserted, its transaction not committed: no answer, and no row anyone else can read
            Thread.sleep(300);
            assertFalse(answer.isDone(), "answered before the commit");
            assertEquals(0, stored(request.requestId()));
            release.countDown();
            Response response = answer.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals(1, stored(request.requestId()));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void shouldAnswer503AndStoreNothingWhenTheCommitFails() {
        AtomicInteger commits = new AtomicInteger();
        // the database connection dies between the insert and the commit: the server rolls the row back
        writer.beforeCommit(connection -> {
            commits.incrementAndGet();
            try (Statement s = connection.createStatement()) {
                s.execute("KILL CONNECTION CONNECTION_ID()");
            } catch (java.sql.SQLException expected) {
                // the statement kills its own connection
            }
        });
        Requests request = Requests.apiExample();
        post(request.toString()).then().statusCode(503).header("Retry-After", "1")
                .contentType("application/problem+json").body("detail", containsString("no decision was made"));
        writer.beforeCommit(null);
        assertEquals(1, commits.get());
        assertEquals(0, stored(request.requestId()));
        // the channel retries with the same requestId: decided and stored now, once
        post(request.toString()).then().statusCode(200);
        assertEquals(1, stored(request.requestId()));
    }
}
