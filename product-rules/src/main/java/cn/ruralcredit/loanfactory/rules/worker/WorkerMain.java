package cn.ruralcredit.loanfactory.rules.worker;

import cn.ruralcredit.loanfactory.rules.compile.RuleSetValidator;
import cn.ruralcredit.loanfactory.rules.compile.Validation;
import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.engine.EvaluationException;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule worker: a separate JVM, with its own small heap and no secrets in its environment,
 * where rule sets nobody has reviewed yet are validated and evaluated (validation, test runs,
 * simulations of drafts). It reads one request at a time from standard input and answers on
 * standard output; the service kills it when an answer is late, and it exits by itself on
 * {@code OutOfMemoryError} ({@code -XX:+ExitOnOutOfMemoryError}) and after any evaluation that left a
 * rule thread running past its cap, so a hang, a stack overflow or an exhausted heap costs this
 * process only.
 *
 * <p>Arguments: the firing cap and the time cap in milliseconds.
 */
public final class WorkerMain {
    private static final int COMPILED_KEPT = 4;

    private final RuleSetValidator validator = new RuleSetValidator();
    private final DecisionEngine engine;
    private final Map<String, CompiledRuleSet> compiled = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledRuleSet> eldest) {
            return size() > COMPILED_KEPT;
        }
    };

    private WorkerMain(DecisionEngine engine) {
        this.engine = engine;
    }

    public static void main(String[] args) throws Exception {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        // standard output is the wire: anything else that prints goes to standard error
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        WorkerMain worker = new WorkerMain(new DecisionEngine(Integer.parseInt(args[0]), Duration.ofMillis(Long.parseLong(args[1]))));
        JsonNode request;
        while ((request = Frames.read(in)) != null) {
            ObjectNode answer;
            try {
                answer = worker.handle(request);
            } catch (Throwable e) {
                answer = Frames.JSON.createObjectNode().put("ok", false).put("kind", "WORKER_ERROR").put("message", String.valueOf(e));
            }
            boolean exiting = worker.engine.overdueThreads() > 0;
            if (exiting) answer.put("exiting", true);
            Frames.write(out, answer);
            if (exiting) {
                // a rule thread is still running past its cap: leave, so that it stops using a core
                System.exit(0);
            }
        }
    }

    private ObjectNode handle(JsonNode request) {
        String op = request.path("op").asText();
        return switch (op) {
            case "ping" -> ok();
            case "validate" -> validate(source(request.path("files")));
            case "evaluate" -> evaluate(request);
            default -> Frames.JSON.createObjectNode().put("ok", false).put("kind", "WORKER_ERROR").put("message", "unknown op " + op);
        };
    }

    private ObjectNode validate(RuleSetSource source) {
        if (compiled.containsKey(source.sha256())) {
            // this content passed the guard and compiled here before: the same content gives the same answer
            return ok().set("problems", Frames.JSON.createArrayNode());
        }
        Validation v = validator.validate(source);
        if (v.valid()) compiled.put(source.sha256(), v.compiled());
        ObjectNode answer = ok();
        answer.set("problems", Frames.JSON.valueToTree(v.problems()));
        return answer;
    }

    private ObjectNode evaluate(JsonNode request) {
        String sha256 = request.path("sha256").asText();
        CompiledRuleSet ruleSet = compiled.get(sha256);
        if (ruleSet == null) {
            if (!request.hasNonNull("files")) {
                return Frames.JSON.createObjectNode().put("ok", false).put("kind", "UNKNOWN_RULE_SET").put("message", sha256);
            }
            RuleSetSource source = source(request.path("files"));
            Validation v = validator.validate(source);
            if (!v.valid()) {
                return Frames.JSON.createObjectNode().put("ok", false).put("kind", "INVALID_RULE_SET")
                        .put("message", v.problems().size() + " problem(s), first: " + v.problems().get(0).message());
            }
            ruleSet = v.compiled();
            compiled.put(sha256, ruleSet);
        }
        LocalDate asOfDate = request.hasNonNull("asOfDate") ? LocalDate.parse(request.get("asOfDate").asText()) : null;
        DecisionRequest decisionRequest = DecisionRequestReader.read(request.path("request"), asOfDate);
        BigDecimal lpr = new BigDecimal(request.path("lprPct").asText());
        try {
            EvaluatedDecision decision = engine.evaluate(ruleSet, decisionRequest, lpr);
            ObjectNode answer = ok();
            answer.set("decision", Frames.JSON.valueToTree(decision));
            return answer;
        } catch (EvaluationException e) {
            return Frames.JSON.createObjectNode().put("ok", false).put("kind", e.kind().name()).put("message", e.getMessage());
        }
    }

    private static RuleSetSource source(JsonNode files) {
        Map<String, String> map = new LinkedHashMap<>();
        files.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
        return new RuleSetSource(map);
    }

    private static ObjectNode ok() {
        return Frames.JSON.createObjectNode().put("ok", true);
    }
}
