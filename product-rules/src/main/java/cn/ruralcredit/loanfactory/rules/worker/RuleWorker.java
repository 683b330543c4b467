package cn.ruralcredit.loanfactory.rules.worker;

import cn.ruralcredit.loanfactory.rules.compile.ValidationProblem;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.engine.EvaluationException;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One rule worker process ({@link WorkerMain}) and the service's end of its wire. Calls are made
 * one at a time by whoever holds it (see {@link RuleWorkers}); each waits at most its deadline,
 * after which the process is killed and the call fails with {@link WorkerFailedException}.
 */
public final class RuleWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RuleWorker.class.getName());
    private static final Object END = new Object();

    private final WorkerSettings settings;
    private final Process process;
    private final DataOutputStream out;
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final Set<String> loaded = new HashSet<>();
    private volatile boolean dead;

    RuleWorker(WorkerSettings settings) {
        this.settings = settings;
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) command.addAll(List.of("/usr/bin/nice", "-n", "10"));
        command.addAll(Arrays.asList(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.maxHeapMb() + "m", "-Xss1m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-XX:ActiveProcessorCount=1", "-Dfile.encoding=UTF-8",
                "-cp", settings.classPath(), WorkerMain.class.getName(),
                String.valueOf(settings.maxFirings()), String.valueOf(settings.maxDuration().toMillis())));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
        // nothing of the service's environment (database password, audit seal key) reaches rule code
        builder.environment().clear();
        builder.environment().put("LANG", "C.UTF-8");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new WorkerFailedException("could not start a rule worker (" + command.get(0) + "): " + e.getMessage());
        }
        out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        Thread reader = new Thread(this::readAnswers, "rule-worker-" + process.pid() + "-out");
        reader.setDaemon(true);
        reader.start();
        Thread errors = new Thread(this::drainErrors, "rule-worker-" + process.pid() + "-err");
        errors.setDaemon(true);
        errors.start();
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return !dead && process.isAlive();
    }

    /** Validates (guard and compile) in the worker; the worker keeps a valid rule set compiled for evaluations. */
    public List<ValidationProblem> validate(RuleSetSource source) {
        ObjectNode request = Frames.JSON.createObjectNode().put("op", "validate");
        request.set("files", Frames.JSON.valueToTree(source.files()));
        JsonNode answer = call(request, settings.compileTimeout(), "validating rule set " + source.sha256());
        failIfError(answer, source.sha256());
        loaded.add(source.sha256());
        return Arrays.asList(Frames.JSON.convertValue(answer.path("problems"), ValidationProblem[].class));
    }

    /**
     * Evaluates one request in the worker.
     *
     * @param request  the request as JSON (as a channel sent it, or as it was stored)
     * @param asOfDate the date to use when the request has none, or null
     * @throws EvaluationException   the evaluation failed closed in the worker (its kind says why)
     * @throws WorkerFailedException the worker did not answer in time or died, and was killed
     */
    public EvaluatedDecision evaluate(RuleSetSource source, JsonNode request, LocalDate asOfDate, BigDecimal lprPct) {
        String sha256 = source.sha256();
        ObjectNode message = Frames.JSON.createObjectNode().put("op", "evaluate").put("sha256", sha256)
                .put("lprPct", lprPct.toPlainString());
        message.set("request", request);
        if (asOfDate != null) message.put("asOfDate", asOfDate.toString());
        boolean sendFiles = !loaded.contains(sha256);
        if (sendFiles) message.set("files", Frames.JSON.valueToTree(source.files()));
        Duration deadline = settings.maxDuration().plus(WorkerSettings.KILL_GRACE).plus(sendFiles ? settings.compileTimeout() : Duration.ZERO);
        JsonNode answer = call(message, deadline, "evaluating with rule set " + sha256);
        if (!answer.path("ok").asBoolean() && answer.path("kind").asText().equals("UNKNOWN_RULE_SET")) {
            loaded.remove(sha256);
            return evaluate(source, request, asOfDate, lprPct);
        }
        failIfError(answer, sha256);
        loaded.add(sha256);
        return Frames.JSON.convertValue(answer.path("decision"), EvaluatedDecision.class);
    }

    private void failIfError(JsonNode answer, String sha256) {
        if (answer.path("exiting").asBoolean()) dead = true;
        if (answer.path("ok").asBoolean()) return;
        String kind = answer.path("kind").asText();
        String message = answer.path("message").asText();
        EvaluationException.Kind evaluationKind = Arrays.stream(EvaluationException.Kind.values())
                .filter(k -> k.name().equals(kind)).findFirst().orElse(null);
        if (evaluationKind != null) throw new EvaluationException(evaluationKind, message);
        throw new WorkerFailedException("the rule worker could not do its work on rule set " + sha256 + ": " + kind + " " + message);
    }

    private JsonNode call(JsonNode request, Duration deadline, String what) {
        if (!alive()) throw new WorkerFailedException("the rule worker (pid " + pid() + ") is no longer running");
        answers.clear();
        try {
            Frames.write(out, request);
        } catch (IOException e) {
            kill();
            throw new WorkerFailedException("the rule worker (pid " + pid() + ") stopped reading: " + e.getMessage());
        }
        Object answer;
        try {
            answer = answers.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new WorkerFailedException("interrupted while " + what);
        }
        if (answer == null) {
            kill();
            throw new WorkerFailedException("the rule worker (pid " + pid() + ") gave no answer within " + deadline.toMillis()
                    + " ms while " + what + ": it was stopped, and the work failed closed");
        }
        if (answer == END) {
            int exit = waitForExit();
            dead = true;
            throw new WorkerFailedException("the rule worker (pid " + pid() + ") died while " + what + " (exit code " + exit
                    + (exit == 3 ? ": out of memory, heap " + settings.maxHeapMb() + " MB" : "") + "): the work failed closed");
        }
        return (JsonNode) answer;
    }

    private int waitForExit() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return -1;
    }

    private void readAnswers() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream()))) {
            JsonNode message;
            while ((message = Frames.read(in)) != null) answers.add(message);
        } catch (IOException | UncheckedIOException e) {
            // the process is gone or sent garbage: either way it is finished
        } finally {
            answers.add(END);
        }
    }

    private void drainErrors() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                if (line.isBlank() || line.startsWith("SLF4J")) continue;
                LOG.log(System.Logger.Level.DEBUG, "rule worker {0}: {1}", process.pid(),
                        line.length() > 500 ? line.substring(0, 500) + "…" : line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Kills the process at once; it is not used again. */
    void kill() {
        dead = true;
        process.destroyForcibly();
    }

    @Override
    public void close() {
        kill();
    }
}
