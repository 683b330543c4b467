package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.catalog.version.RuleSetStatus;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.Evaluator;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.worker.RuleWorkers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where a version's rules run. A version that passed a four-eyes review (APPROVED, PUBLISHED,
 * RETIRED) runs in this JVM, compiled once into the shared cache, for speed; every other version
 * (DRAFT, IN_REVIEW, REJECTED) runs in a rule worker process, apart from the serving path.
 */
@ApplicationScoped
public class RuleRunner {
    /** The statuses of versions an approver other than their authors has signed off. */
    public static final Set<String> REVIEWED = Set.of(RuleSetStatus.APPROVED.name(), RuleSetStatus.PUBLISHED.name(),
            RuleSetStatus.RETIRED.name());

    @Inject
    RuleSetCache cache;
    @Inject
    DecisionEngine engine;
    @Inject
    RuleWorkers workers;
    @Inject
    WorkerConfig config;

    public static boolean reviewed(String status) {
        return REVIEWED.contains(status);
    }

    /** An evaluator for staff work (test runs, diffs): a worker is waited for {@link WorkerConfig#staffWait()}. */
    public Evaluator evaluatorFor(String status, String sha256, Supplier<Map<String, String>> files) {
        return evaluatorFor(status, sha256, files, config.staffWait());
    }

    /**
     * An evaluator for the version with content {@code sha256}.
     *
     * @param wait how long an evaluation waits for a free worker (unreviewed versions only)
     */
    public Evaluator evaluatorFor(String status, String sha256, Supplier<Map<String, String>> files, Duration wait) {
        if (reviewed(status)) return Evaluator.inProcess(engine, cache.get(sha256, files));
        RuleSetSource source = new RuleSetSource(files.get());
        if (!source.sha256().equals(sha256)) {
            throw new RuleSetIntegrityException("stored rule set content hashes to " + source.sha256()
                    + ", not to its recorded sha256 " + sha256);
        }
        return (json, request, lprPct) -> workers.with(wait, w -> w.evaluate(source, json, request.asOfDate(), lprPct));
    }
}
