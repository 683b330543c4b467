package cn.ruralcredit.loanfactory.rules.sandbox;

import cn.ruralcredit.loanfactory.rules.engine.RuleCompilationException;
import cn.ruralcredit.loanfactory.rules.engine.RuleCompiler;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;

import java.util.List;
import java.util.Objects;

/**
 * The check a rule set goes through before it is stored or published: the {@link RuleSandbox}
 * first and, only if it refuses nothing, the {@link RuleCompiler}. Text the sandbox refuses is
 * never handed to the compiler. Every problem of either step is reported with its file, line and
 * column in one {@link Validation}; nothing is thrown for an invalid rule set.
 */
public final class RuleSetValidator {
    private final RuleSandbox sandbox;
    private final RuleCompiler compiler;

    public RuleSetValidator() {
        this(new RuleSandbox(), new RuleCompiler());
    }

    public RuleSetValidator(RuleSandbox sandbox, RuleCompiler compiler) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    public Validation validate(RuleSetSource source) {
        List<SandboxViolation> refused = sandbox.check(source);
        if (!refused.isEmpty()) {
            return Validation.invalid(refused.stream().map(ValidationProblem::of).toList());
        }
        try {
            return Validation.valid(compiler.compile(source));
        } catch (RuleCompilationException e) {
            return Validation.invalid(e.problems().stream().map(ValidationProblem::of).toList());
        }
    }
}
