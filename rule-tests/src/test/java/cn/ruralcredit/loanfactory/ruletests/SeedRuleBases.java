package cn.ruralcredit.loanfactory.ruletests;

import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.compile.RuleCompiler;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The seed rule sets, each compiled once for the whole test run. */
final class SeedRuleBases {
    private static final Map<String, CompiledRuleSet> COMPILED = new ConcurrentHashMap<>();
    private static final RuleCompiler COMPILER = new RuleCompiler();

    private SeedRuleBases() {
    }

    static CompiledRuleSet of(String productCode) {
        return COMPILED.computeIfAbsent(productCode, code -> COMPILER.compile(SeedRuleSets.ruleSet(code)));
    }
}
