package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.DatabaseOutage;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database killed (SIGKILL) under load from 8 channel clients, and started again: while it is
 * gone every answer is a 503 with Retry-After, never a 500 (which tells a channel that the rules
 * failed, and not to retry); the service recovers by itself within 2 s of the database's return;
 * every request that failed, retried with the same requestId, is stored exactly once; and every
 * 200 reads back with the same content.
 */
@QuarkusTest
class DatabaseOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 8;

    @TestHTTPResource("/api/v1/decisions")
    URI decisions;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(String requestId, int status, String retryAfter, String body, long answeredAt) {
    }

    private Answer post(Requests request) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(decisions)
                    .header("Content-Type", "application/json").header("X-Api-Key", Auth.DEMO_CHANNEL_KEY)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(request.requestId(), r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body(),
                    System.nanoTime());
        } catch (Exception e) {
            return new Answer(request.requestId(), -1, null, e.toString(), System.nanoTime());
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileTheDatabaseIsDownAndStoreEveryRetriedRequestOnce() throws Exception {
        assertEquals(200, post(Requests.apiExample()).status(), "warm-up");
        Map<String, Requests> sent = new ConcurrentHashMap<>();
        List<Answer> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            loops.add(clients.submit(() -> {
                while (running.get()) {
                    Requests r = Requests.apiExample();
                    sent.put(r.requestId(), r);
                    answers.add(post(r));
                }
            }));
        }
        long restartedAt;
        try {
            Thread.sleep(1_000);
            DatabaseOutage outage = DatabaseOutage.killServer();
            long killedAt = System.nanoTime();
            Thread.sleep(500);
            // staff credentials cannot be checked without the user store: a 503 too, not a 401
            Auth.as(Auth.MANAGER).when().get("/api/v1/market-rates").then()
                    .statusCode(503).header("Retry-After", "1").contentType("application/problem+json");
            Thread.sleep(1_500);
            outage.restart();
            restartedAt = System.nanoTime();
            Thread.sleep(3_000);
            running.set(false);
            for (Future<?> f : loops) f.get(60, TimeUnit.SECONDS);
            assertTrue(answers.stream().anyMatch(a -> a.status() == 503 && a.answeredAt() > killedAt), "the outage was seen");
        } finally {
            running.set(false);
            clients.shutdownNow();
        }

        Map<Integer, Long> byStatus = new TreeMap<>();
        answers.forEach(a -> byStatus.merge(a.status(), 1L, Long::sum));
        System.out.println("database outage under " + CLIENTS + " clients: answers by status " + byStatus);
        List<Answer> wrong = answers.stream().filter(a -> a.status() != 200 && a.status() != 503).toList();
        assertEquals(List.of(), wrong, "only 200s and 503s");
        List<Answer> withoutRetryAfter = answers.stream().filter(a -> a.status() == 503 && a.retryAfter() == null).toList();
        assertEquals(List.of(), withoutRetryAfter, "every 503 says when to retry");
        long firstOkAfterRestart = answers.stream().filter(a -> a.status() == 200 && a.answeredAt() > restartedAt)
                .mapToLong(Answer::answeredAt).min().orElseThrow();
        long recoveryMs = TimeUnit.NANOSECONDS.toMillis(firstOkAfterRestart - restartedAt);
        System.out.println("first 200 " + recoveryMs + " ms after the database accepted connections again");
        assertTrue(recoveryMs < 2_000, "recovered in " + recoveryMs + " ms");

        // the channel retries every failed request with the same requestId and body
        Map<String, String> decidedContent = new ConcurrentHashMap<>();
        answers.stream().filter(a -> a.status() == 200).forEach(a -> decidedContent.put(a.requestId(), a.body()));
        for (Answer failed : answers.stream().filter(a -> a.status() != 200).toList()) {
            Answer retried = post(sent.get(failed.requestId()));
            assertEquals(200, retried.status(), retried.body());
            decidedContent.put(failed.requestId(), retried.body());
        }
        assertEquals(sent.size(), decidedContent.size());
        Map<String, Long> storedPerRequestId = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new TreeMap<>();
            for (String id : sent.keySet()) counts.put(id, Decision.count("channel = ?1 and requestId = ?2", Auth.DEMO_CHANNEL, id));
            return counts;
        });
        assertEquals(List.of(), storedPerRequestId.entrySet().stream().filter(e -> e.getValue() != 1).toList(),
                "every requestId stored exactly once");
        AtomicLong checked = new AtomicLong();
        for (var e : decidedContent.entrySet()) {
            JsonNode answered = JSON.readTree(e.getValue());
            JsonNode stored = JSON.readTree(Auth.channel().when().get("/api/v1/decisions/" + answered.path("decisionId").asText())
                    .then().statusCode(200).extract().asString());
            stored = ((com.fasterxml.jackson.databind.node.ObjectNode) stored).without("request");
            assertEquals(answered, stored, "read back as answered: " + e.getKey());
            checked.incrementAndGet();
        }
        System.out.println(checked + " decisions read back as answered; " + answers.size() + " requests during the test");
    }
}
