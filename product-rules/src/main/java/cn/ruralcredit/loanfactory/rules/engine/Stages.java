package cn.ruralcredit.loanfactory.rules.engine;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agenda groups every rule set is evaluated through, in this order (PRODUCTS.md 1.4-1.5).
 * A stage runs to quiescence before the next one gets the focus, so a rule may rely on every fact
 * the earlier stages inserted: {@code terms} (each product declares its parameters),
 * {@code eligibility} (stage-A declines), {@code scoring}, {@code grading} (tier and cap),
 * {@code limit}, {@code guarantee}, {@code pricing} (spread parts), {@code rate} (LPR + spread,
 * floor), {@code approval} (minimum line) and {@code outcome} (the result is filled in).
 */
public final class Stages {
    public static final List<String> ORDER = List.of(
            "terms", "eligibility", "scoring", "grading", "limit", "guarantee", "pricing", "rate", "approval", "outcome");

    /** The stage (ruleflow-group) of every rule of {@code kieBase} by rule name; "other" for a rule in none. */
    public static Map<String, String> ofRules(KieBase kieBase) {
        Map<String, String> stageOf = new HashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String group = rule instanceof RuleImpl impl ? impl.getRuleFlowGroup() : null;
                stageOf.put(rule.getName(), group == null || group.isBlank() ? "other" : group);
            }
        }
        return stageOf;
    }

    private Stages() {
    }
}
