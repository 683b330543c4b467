package cn.ruralcredit.loanfactory.rules.engine;

import org.kie.api.KieBase;

/** An immutable compiled rule set: one KieBase per rule set content, shared by all evaluations. */
public record CompiledRuleSet(String sha256, KieBase kieBase) {
}
