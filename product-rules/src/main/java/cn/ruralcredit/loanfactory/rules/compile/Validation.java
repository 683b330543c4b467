package cn.ruralcredit.loanfactory.rules.compile;

import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;

import java.util.List;

/**
 * The result of {@link RuleSetValidator#validate}: valid with the compiled rule set and no
 * problems, or invalid with at least one problem and no compiled rule set.
 *
 * @param valid    whether the rule set passed the sandbox and compiled
 * @param problems why it is invalid: sandbox problems only (it was not compiled), or compile problems only
 * @param compiled the compiled rule set when valid, null when invalid
 */
public record Validation(boolean valid, List<ValidationProblem> problems, CompiledRuleSet compiled) {
    public Validation {
        problems = List.copyOf(problems);
        if (valid != problems.isEmpty() || valid != (compiled != null)) {
            throw new IllegalArgumentException("a valid rule set has a compiled rule set and no problems,"
                    + " an invalid one has problems and no compiled rule set");
        }
    }

    static Validation valid(CompiledRuleSet compiled) {
        return new Validation(true, List.of(), compiled);
    }

    static Validation invalid(List<ValidationProblem> problems) {
        return new Validation(false, problems, null);
    }
}
