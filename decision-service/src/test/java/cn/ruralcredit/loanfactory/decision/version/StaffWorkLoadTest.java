package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static cn.ruralcredit.loanfactory.decision.support.Auth.APPROVER;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;
import static cn.ruralcredit.loanfactory.decision.support.Factory.versions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, item 2, as a bounded load test on loopback: 40 parallel test runs (20 each by two
 * people) used to hold 40 database connections for their whole run and leave channel decisions
 * answering 503. Now a test run holds no connection while its rules run, one person may have 2
 * under way (the rest are 429 with Retry-After), and decisions answer 200 throughout.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class StaffWorkLoadTest {
    private static final String PRODUCT = "LOADFN";

    @Test
    void shouldKeepDecidingWhileFortyTestRunsAreAskedForAtOnce() throws Exception {
        Factory.productCopiedFrom(PRODUCT, "FUNONG", 1);
        ExecutorService pool = Executors.newFixedThreadPool(44);
        try {
            List<Future<Response>> staff = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String who = i % 2 == 0 ? MANAGER : APPROVER;
                staff.add(pool.submit(() -> Auth.as(who).post(versions(PRODUCT) + "/1/test-runs").then().extract().response()));
            }
            List<Future<Integer>> channel = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                channel.add(pool.submit(() -> Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().json().toString())
                        .post("/api/v1/decisions").then().extract().statusCode()));
            }
            Map<Integer, Integer> staffStatuses = new TreeMap<>();
            for (Future<Response> f : staff) {
                Response r = f.get(5, TimeUnit.MINUTES);
                staffStatuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 429) assertEquals("5", r.header("Retry-After"));
            }
            List<Integer> decisions = new ArrayList<>();
            for (Future<Integer> f : channel) decisions.add(f.get(5, TimeUnit.MINUTES));
            assertTrue(decisions.stream().allMatch(s -> s == 200), decisions.toString());
            assertTrue(Set.of(201, 429, 503).containsAll(staffStatuses.keySet()), staffStatuses.toString());
            // two people, at most two each at once: most of the 40 are told to wait
            assertTrue(staffStatuses.getOrDefault(201, 0) >= 2, staffStatuses.toString());
            assertTrue(staffStatuses.getOrDefault(429, 0) >= 20, staffStatuses.toString());
        } finally {
            pool.shutdownNow();
        }
        // afterwards the workers and connections are free again
        Auth.as(MANAGER).post(versions(PRODUCT) + "/1/test-runs").then().statusCode(201);
    }
}
