package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Factory;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import cn.ruralcredit.loanfactory.decision.support.SlowRules;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static cn.ruralcredit.loanfactory.decision.support.Auth.AUDITOR;
import static cn.ruralcredit.loanfactory.decision.support.Auth.MANAGER;
import static cn.ruralcredit.loanfactory.decision.support.Factory.versions;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only shows at run time, tried through the API as a product manager would: a draft that
 * hangs, exhausts the heap, overflows the stack or decides differently each time. Its test run or
 * simulation fails closed within its cap, in a rule worker, while channel decisions on the
 * published FUNONG keep answering 200.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class UntrustedRulesTest {
    private static final String PRODUCT = "UNTRUSTED";
    private static final String FILE = "FUNONG/attack.drl";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static boolean published;

    /** UNTRUSTED: a copy of FUNONG v1 with its suite, published from today, with a few decisions made on it. */
    private static synchronized void publishedWithDecisions() {
        if (published) return;
        Factory.productCopiedFrom(PRODUCT, "FUNONG", 1);
        Factory.submitApprovePublish(PRODUCT, 1, TODAY);
        for (int i = 0; i < 5; i++) {
            Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().set("productCode", PRODUCT)
                    .set("asOfDate", TODAY.toString()).json().toString()).post("/api/v1/decisions").then().statusCode(200);
        }
        published = true;
    }

    /** A new draft of UNTRUSTED from v1 with {@code drl} added as {@value #FILE}; returns its number. */
    private static int draftWith(String drl) {
        publishedWithDecisions();
        JsonPath draft = Factory.draftFrom(PRODUCT, 1);
        int number = draft.getInt("version");
        Map<String, String> files = new HashMap<>(draft.getMap("files"));
        files.put(FILE, "package cn.ruralcredit.loanfactory.rules.funong;\nimport cn.ruralcredit.loanfactory.rules.model.*;\n" + drl);
        Auth.as(MANAGER).contentType(ContentType.JSON).body(Map.of("lockVersion", draft.getLong("lockVersion"), "files", files))
                .put(versions(PRODUCT) + "/" + number).then().statusCode(200);
        return number;
    }

    private static String scoringRule(String name, String then) {
        return "rule \"" + name + "\"\n    ruleflow-group \"scoring\"\nwhen\n    Applicant()\nthen\n    " + then + "\nend\n";
    }

    private static String hang() {
        return SlowRules.exponentialFunctions(40)
                + scoringRule("FUNONG: two to the fortieth calls", "java.math.BigDecimal n = f0( java.math.BigDecimal.ZERO );");
    }

    /** Runs {@code work} while a channel keeps deciding FUNONG; returns every status the channel got. */
    private static List<Integer> whileDeciding(Runnable work) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService channel = Executors.newSingleThreadExecutor();
        try {
            Future<List<Integer>> statuses = channel.submit(() -> {
                List<Integer> seen = new ArrayList<>();
                while (!done.get()) {
                    seen.add(Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().json().toString())
                            .post("/api/v1/decisions").then().extract().statusCode());
                    Thread.sleep(50);
                }
                return seen;
            });
            try {
                work.run();
            } finally {
                done.set(true);
            }
            return statuses.get();
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void shouldFailATestRunOfAHangingDraftClosedAtTheCapWhileDecisionsAnswer() throws Exception {
        int number = draftWith(hang());
        long[] tookMs = new long[1];
        JsonPath[] run = new JsonPath[1];
        List<Integer> statuses = whileDeciding(() -> {
            long started = System.nanoTime();
            run[0] = Auth.as(MANAGER).post(versions(PRODUCT) + "/" + number + "/test-runs").then().statusCode(201)
                    .extract().jsonPath();
            tookMs[0] = (System.nanoTime() - started) / 1_000_000;
        });
        int total = run[0].getInt("total");
        assertEquals(total, run[0].getInt("failed"), run[0].prettify());
        String first = run[0].getString("cases[0].differences[0].actual");
        assertTrue(first.contains("ran past the time cap of 2000 ms"), first);
        for (int i = 1; i < total; i++) {
            assertTrue(run[0].getString("cases[" + i + "].differences[0].actual").startsWith("not run: an earlier case failed closed"));
        }
        // compile in the worker, then the 2 s cap: the run does not wait for 2^40 calls, nor for one cap per case
        assertTrue(tookMs[0] < 30_000, tookMs[0] + " ms");
        assertTrue(statuses.size() > 0 && statuses.stream().allMatch(s -> s == 200), statuses.toString());
    }

    @Test
    void shouldFailASimulationOfAHangingDraftAndRunTheJobsAfterIt() throws Exception {
        int number = draftWith(hang());
        JsonPath[] job = new JsonPath[1];
        List<Integer> statuses = whileDeciding(() -> job[0] = Factory.simulate(MANAGER, PRODUCT, number, "{}", Duration.ofSeconds(60)));
        assertEquals("FAILED", job[0].getString("status"), job[0].prettify());
        assertTrue(job[0].getString("error").contains("ran past the time cap"), job[0].getString("error"));
        assertTrue(statuses.stream().allMatch(s -> s == 200), statuses.toString());
        // the queue moves on: an auditor's replay campaign queued after it finishes
        String id = Auth.as(AUDITOR).contentType(ContentType.JSON)
                .body(Map.of("productCode", PRODUCT, "from", TODAY.toString(), "to", TODAY.toString())).post("/api/v1/replays")
                .then().statusCode(202).extract().path("id");
        JsonPath campaign = Factory.awaitFinished(AUDITOR, "/api/v1/replays/" + id, Duration.ofSeconds(60));
        assertEquals("DONE", campaign.getString("status"), campaign.prettify());
    }

    @Test
    void shouldLoseOnlyAWorkerWhenADraftExhaustsTheHeap() throws Exception {
        StringBuilder doubling = new StringBuilder("String s = \"xxxxxxxx\";");
        for (int i = 0; i < 40; i++) doubling.append(" s = s + s;");
        int number = draftWith(scoringRule("FUNONG: double a string forty times", doubling.toString()));
        JsonPath[] run = new JsonPath[1];
        List<Integer> statuses = whileDeciding(() -> run[0] = Auth.as(MANAGER).post(versions(PRODUCT) + "/" + number + "/test-runs")
                .then().statusCode(201).extract().jsonPath());
        String first = run[0].getString("cases[0].differences[0].actual");
        // the heap runs out (the worker exits) or, on a busy machine, the 2 s cap comes first
        assertTrue(first.contains("out of memory") || first.contains("ran past the time cap"), first);
        assertEquals(run[0].getInt("total"), run[0].getInt("failed"));
        assertTrue(statuses.stream().allMatch(s -> s == 200), statuses.toString());
        // the next staff request gets a fresh worker
        Auth.as(MANAGER).post(versions(PRODUCT) + "/1/validate").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void shouldFinishASimulationWhoseDraftOverflowsTheStackWithEveryDecisionFailed() {
        int number = draftWith("""
                declare Node
                    next : Node
                end
                """ + scoringRule("FUNONG: print a node that contains itself",
                "Node n = new Node(); n.setNext( n ); String text = \"node \" + n;"));
        JsonPath job = Factory.simulate(MANAGER, PRODUCT, number, "{}", Duration.ofSeconds(60));
        assertEquals("DONE", job.getString("status"), job.prettify());
        // every decision failed closed (the ERROR column), and the job ended instead of staying RUNNING
        assertTrue(job.getInt("progress.total") >= 5, job.prettify());
        assertEquals(job.getInt("progress.total"), job.getInt("failed"), job.prettify());
        assertEquals(job.getInt("progress.total"), job.getInt("report.failed"), job.prettify());
    }

    @Test
    void shouldFailACaseWhoseTwoEvaluationsDiffer() {
        // a fact without a toString of its own prints its identity hash, new at every evaluation: the guard lets
        // string concatenation through (it is needed for "" + amount), the double evaluation catches the difference
        int number = draftWith(scoringRule("FUNONG: a message that is never the same twice",
                "insert( new Decline( \"IDENTITY\", \"part \" + new ScorePart( \"x\", 1 ) ) );"));
        JsonPath run = Auth.as(MANAGER).post(versions(PRODUCT) + "/" + number + "/test-runs").then().statusCode(201)
                .extract().jsonPath();
        assertEquals(run.getInt("total"), run.getInt("failed"));
        assertEquals("determinism", run.getString("cases[0].differences[0].field"), run.prettify());
    }
}
