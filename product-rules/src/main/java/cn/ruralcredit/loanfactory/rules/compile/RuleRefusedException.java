package cn.ruralcredit.loanfactory.rules.compile;

import cn.ruralcredit.loanfactory.rules.guard.GuardViolation;

import java.util.List;

/** The rule guard refused the rule set: {@link #violations()} names each refusal, its rule, file and line. */
public class RuleRefusedException extends RuleCompilationException {
    private final List<GuardViolation> violations;

    public RuleRefusedException(List<GuardViolation> violations) {
        super(violations.stream().map(v -> new CompileProblem(v.file(), v.line(), v.column(), v.message())).toList(),
                "rule set refused by the rule guard");
        this.violations = List.copyOf(violations);
    }

    public List<GuardViolation> violations() {
        return violations;
    }
}
