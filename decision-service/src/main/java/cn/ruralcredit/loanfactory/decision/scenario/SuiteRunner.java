package cn.ruralcredit.loanfactory.decision.scenario;

import cn.ruralcredit.loanfactory.catalog.scenario.SuiteCase;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleSetsInForce;
import cn.ruralcredit.loanfactory.rules.engine.Evaluator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.request.CanonicalJson;
import cn.ruralcredit.loanfactory.rules.scenario.Scenario;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioResult;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

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

    /** Runs every case, each evaluated twice (a case whose two results differ fails). Needs no transaction but the LPR read. */
    public List<ScenarioResult> run(Evaluator evaluator, List<SuiteCase> suite) {
        ScenarioRunner runner = new ScenarioRunner(engine, QuarkusTransaction.requiringNew().call(ruleSets::lprSchedule));
        return suite.stream()
                .map(c -> runner.run(keyed(c), evaluator))
                .toList();
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
