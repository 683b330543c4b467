package cn.ruralcredit.loanfactory.decision.scenario;

import cn.ruralcredit.loanfactory.catalog.scenario.SuiteCase;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleSetsInForce;
import cn.ruralcredit.loanfactory.rules.engine.EvaluationException;
import cn.ruralcredit.loanfactory.rules.engine.Evaluator;
import cn.ruralcredit.loanfactory.rules.worker.WorkerFailedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.request.CanonicalJson;
import cn.ruralcredit.loanfactory.rules.scenario.Scenario;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioResult;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a product's scenario suite against a compiled rule set, with the LPR history of the
 * catalog, as the publish gate and the diff do.
 */
@ApplicationScoped
public class SuiteRunner {
    @Inject
    RuleSetsInForce ruleSets;
    @Inject
    DecisionEngine engine;

    /**
     * Runs every case, each evaluated twice (a case whose two results differ fails). A case that
     * runs past the time cap, or whose rule worker dies, fails closed, and so do the cases after it,
     * without being run: a rule set that hangs or exhausts its worker's heap is not given another
     * worker to hang for every case of the suite.
     */
    public List<ScenarioResult> run(Evaluator evaluator, List<SuiteCase> suite) {
        ScenarioRunner runner = new ScenarioRunner(engine, QuarkusTransaction.requiringNew().call(ruleSets::lprSchedule));
        AtomicReference<String> fatal = new AtomicReference<>();
        Evaluator watched = (json, request, lpr) -> {
            try {
                return evaluator.evaluate(json, request, lpr);
            } catch (WorkerFailedException e) {
                fatal.set(e.getMessage());
                throw e;
            } catch (EvaluationException e) {
                if (e.kind() == EvaluationException.Kind.TIME_CAP || e.kind() == EvaluationException.Kind.NO_RULE_THREAD) {
                    fatal.set(e.getMessage());
                }
                throw e;
            }
        };
        List<ScenarioResult> results = new ArrayList<>(suite.size());
        for (SuiteCase c : suite) {
            String stop = fatal.get();
            if (stop != null) {
                results.add(new ScenarioResult(c.name, List.of(new ScenarioResult.Difference("evaluation", "a decision",
                        "not run: an earlier case failed closed (" + stop + ")")), List.of()));
            } else {
                results.add(runner.run(keyed(c), watched));
            }
        }
        return results;
    }

    /** The case as a scenario named by its key in the suite (the file name), not by its title. */
    static Scenario keyed(SuiteCase c) {
        Scenario s = Scenario.fromJson(c.name, ApiJson.readStored(c.caseJson));
        return new Scenario(c.name, s.description(), s.request(), s.expected(), s.firedRules());
    }

    /** A sha256 of the suite's cases as stored, so a test run says which suite it passed. */
    public static String sha256(List<SuiteCase> suite) {
        StringBuilder all = new StringBuilder();
        for (SuiteCase c : suite) all.append(c.name).append('\0').append(c.caseJson).append('\0');
        return CanonicalJson.sha256(all.toString());
    }
}
