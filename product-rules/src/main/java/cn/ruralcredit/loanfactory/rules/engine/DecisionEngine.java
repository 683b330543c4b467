package cn.ruralcredit.loanfactory.rules.engine;

import cn.ruralcredit.loanfactory.rules.model.DecisionResult;
import cn.ruralcredit.loanfactory.rules.model.GuaranteeTerms;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluates one request against a compiled rule set in a fresh session that is disposed
 * afterwards. Records the rules that fired, in firing order. Fails closed: a rule set that sets
 * no outcome or more than one, fires more than {@link #maxFirings} rules, runs longer than
 * {@link #maxDuration}, or throws anything at all (an exception, a {@code StackOverflowError}, an
 * {@code OutOfMemoryError}) raises {@link EvaluationException} (its {@link EvaluationException#kind()}
 * says which).
 *
 * <p>The time cap holds by force. Each evaluation runs on a thread of the engine's own bounded
 * pool while the caller waits at most the cap (plus {@link #GRACE}): when it is passed the caller
 * gets a {@link EvaluationException.Kind#TIME_CAP} failure at the cap even if the rule thread does not
 * come back, and the session is told to halt. Before each firing the rule thread checks the cap
 * itself, so a rule set that loops through re-activation stops at once. A single condition or
 * consequence that runs on cannot be interrupted in the JVM; the rule guard makes such code hard to
 * write (no loops, no recursion, nothing that allocates by a computed size), and a thread that is
 * still busy after its cap is counted in {@link #overdueThreads()}, for health checks and logs.
 * Rule sets that nobody has reviewed are not evaluated in this JVM at all but in a worker process
 * that is killed when it overruns.
 */
public final class DecisionEngine implements AutoCloseable {
    /** Far above what the seed rule sets fire (about 20-30); a rule set past it is looping. */
    public static final int DEFAULT_MAX_FIRINGS = 10_000;
    /** Far above what a seed decision takes (milliseconds); a rule set past it is looping or too slow. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(2);
    /** How long past the cap the caller waits for a rule thread that has been told to halt. */
    public static final Duration GRACE = Duration.ofMillis(100);
    /** Rule threads at most: evaluations under way plus those stuck past their cap. */
    public static final int MAX_RULE_THREADS = 64;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int maxFirings;
    private final Duration maxDuration;
    private final ThreadPoolExecutor ruleThreads;
    private final AtomicInteger overdue = new AtomicInteger();

    public DecisionEngine() {
        this(DEFAULT_MAX_FIRINGS, DEFAULT_MAX_DURATION);
    }

    public DecisionEngine(int maxFirings) {
        this(maxFirings, DEFAULT_MAX_DURATION);
    }

    /**
     * @param maxFirings  the firing cap, 1 to {@code Integer.MAX_VALUE - 1} (one more firing is
     *                    allowed to detect that the cap was passed)
     * @param maxDuration the time cap of one evaluation, positive
     */
    public DecisionEngine(int maxFirings, Duration maxDuration) {
        if (maxFirings < 1 || maxFirings == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxFirings must be between 1 and Integer.MAX_VALUE - 1: " + maxFirings);
        }
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxDuration.isZero() || maxDuration.isNegative()) {
            throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
        }
        this.maxFirings = maxFirings;
        this.maxDuration = maxDuration;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.ruleThreads = new ThreadPoolExecutor(0, MAX_RULE_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "rule-evaluation-" + pool + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int maxFirings() {
        return maxFirings;
    }

    public Duration maxDuration() {
        return maxDuration;
    }

    /** Rule threads still busy with an evaluation whose caller gave up on it at the cap. */
    public int overdueThreads() {
        return overdue.get();
    }

    /** Stops the rule threads that are idle; threads stuck in a rule keep running (they are daemons). */
    @Override
    public void close() {
        ruleThreads.shutdownNow();
    }

    /**
     * Evaluates on a rule thread and waits at most the time cap for it.
     *
     * @throws EvaluationException whatever went wrong; never a default decision
     */
    public EvaluatedDecision evaluate(CompiledRuleSet ruleSet, DecisionRequest request, BigDecimal lprPct) {
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicReference<KieSession> running = new AtomicReference<>();
        Future<EvaluatedDecision> result;
        try {
            result = ruleThreads.submit(() -> {
                try {
                    return evaluateHere(ruleSet, request, lprPct, running);
                } finally {
                    if (abandoned.get()) overdue.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            throw new EvaluationException(EvaluationException.Kind.NO_RULE_THREAD, "no rule thread is free: "
                    + MAX_RULE_THREADS + " are busy, " + overdue.get() + " of them stuck past their time cap");
        }
        try {
            return result.get(saturatedNanos(maxDuration.plus(GRACE)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (abandoned.compareAndSet(false, true)) overdue.incrementAndGet();
            synchronized (running) {
                KieSession session = running.get();
                if (session != null) session.halt();
            }
            throw new EvaluationException(EvaluationException.Kind.TIME_CAP, "rule set " + ruleSet.sha256()
                    + " ran past the time cap of " + maxDuration.toMillis() + " ms for one decision inside one condition"
                    + " or consequence; the decision failed closed at the cap (" + overdue.get()
                    + " rule thread(s) still busy past their cap)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EvaluationException ee) throw ee;
            throw new EvaluationException(EvaluationException.Kind.RULE_ERROR, "rule set " + ruleSet.sha256()
                    + " failed during evaluation: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationException(EvaluationException.Kind.TIME_CAP, "interrupted while waiting for rule set "
                    + ruleSet.sha256());
        }
    }

    private EvaluatedDecision evaluateHere(CompiledRuleSet ruleSet, DecisionRequest request, BigDecimal lprPct,
                                           AtomicReference<KieSession> running) {
        List<Object> facts = FactMapper.facts(request, lprPct);
        DecisionResult result = new DecisionResult();
        List<String> fired = new ArrayList<>();
        TimeCap timeCap = new TimeCap(maxDuration);
        KieSession session = ruleSet.sessions().newKieSession();
        Trace trace = Trace.of(session);
        trace.begin(fired, timeCap);
        running.set(session);
        boolean clean = false;
        try {
            facts.forEach(session::insert);
            session.insert(result);
            // the focus stack is last-in first-out: push the stages in reverse
            for (int i = Stages.ORDER.size() - 1; i >= 0; i--) {
                session.getAgenda().getAgendaGroup(Stages.ORDER.get(i)).setFocus();
            }
            int firings = session.fireAllRules(maxFirings + 1);
            if (timeCap.hit()) {
                throw new EvaluationException(EvaluationException.Kind.TIME_CAP, "rule set " + ruleSet.sha256()
                        + " ran past the time cap of " + maxDuration.toMillis() + " ms for one decision after "
                        + firings + " rule firings: it is looping or too slow");
            }
            if (firings > maxFirings) {
                throw new EvaluationException(EvaluationException.Kind.FIRING_CAP, "rule set " + ruleSet.sha256()
                        + " fired more than " + maxFirings + " rules for one decision: it is looping");
            }
            clean = true;
        } catch (EvaluationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // an Error of the rules is the decision's failure, not the thread's: a stack overflow unwinds to
            // here with the stack free again, and an OutOfMemoryError exits the service's JVM when it runs
            // with -XX:+ExitOnOutOfMemoryError (./run does) before it gets here
            throw new EvaluationException(EvaluationException.Kind.RULE_ERROR,
                    "rule set " + ruleSet.sha256() + " failed during evaluation: " + e, e);
        } finally {
            // no halt of a caller that gave up may reach the session once it serves another decision
            synchronized (running) {
                running.set(null);
            }
            trace.end();
            // a session that failed, was halted or ran over is never handed to another decision
            if (clean) session.dispose();
            else session.destroy();
        }
        if (result.outcomesSet() != 1) {
            throw new EvaluationException(EvaluationException.Kind.OUTCOME_COUNT, "rule set " + ruleSet.sha256()
                    + " set " + result.outcomesSet() + " outcomes instead of exactly one; rules fired: " + fired);
        }
        if (result.getValidityMonths() == null) {
            throw new EvaluationException(EvaluationException.Kind.MISSING_VALIDITY,
                    "rule set " + ruleSet.sha256() + " set no validityMonths");
        }
        GuaranteeTerms g = result.getGuarantee();
        return new EvaluatedDecision(
                result.getOutcome(),
                result.getTierCode() == null ? null : new EvaluatedDecision.Tier(result.getTierCode(), result.getTierLabel()),
                result.getCreditLimit(),
                result.getAnnualRatePct(),
                new EvaluatedDecision.Guarantee(g.isRequired(), g.getAcceptableTypes(), g.getSecuredBy()),
                result.getApprovalLevel(),
                result.getValidityMonths(),
                lprPct,
                result.getReasons(),
                List.copyOf(fired));
    }

    /**
     * The fired-rule trace and the time cap check of the evaluation a pooled session serves now:
     * one listener per session, kept across its evaluations (whether or not a reset keeps
     * listeners, a session never has two), pointed at each evaluation's own list and cap.
     */
    private static final class Trace extends DefaultAgendaEventListener {
        private List<String> fired;
        private TimeCap timeCap;

        static Trace of(KieSession session) {
            for (Object listener : session.getAgendaEventListeners()) {
                if (listener instanceof Trace t) return t;
            }
            Trace t = new Trace();
            session.addEventListener(t);
            return t;
        }

        void begin(List<String> fired, TimeCap timeCap) {
            this.fired = fired;
            this.timeCap = timeCap;
        }

        void end() {
            this.fired = null;
            this.timeCap = null;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            if (timeCap == null || timeCap.passed()) event.getKieRuntime().halt();
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            if (fired != null) fired.add(event.getMatch().getRule().getName());
        }
    }

    /** The time cap of one evaluation, started when the evaluation starts; one thread only. */
    private static final class TimeCap {
        private final long start = System.nanoTime();
        private final long maxNanos;
        private boolean hit;

        TimeCap(Duration maxDuration) {
            this.maxNanos = saturatedNanos(maxDuration);
        }

        /** Whether the cap is passed now; once it is, {@link #hit()} stays true. */
        boolean passed() {
            if (!hit && System.nanoTime() - start > maxNanos) hit = true;
            return hit;
        }

        boolean hit() {
            return hit;
        }

    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
