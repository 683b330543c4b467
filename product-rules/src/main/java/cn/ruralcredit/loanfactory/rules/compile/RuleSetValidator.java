package cn.ruralcredit.loanfactory.rules.compile;

import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;

import java.util.Objects;

/**
 * The check a rule set goes through before it is stored or published: the {@link RuleCompiler},
 * which runs the rule guard on the parsed DRL and on the compiled bytecode. Every problem is
 * reported with its file, line and column in one {@link Validation}; nothing is thrown for an
 * invalid rule set.
 */
public final class RuleSetValidator {
    private final RuleCompiler compiler;

    public RuleSetValidator() {
        this(new RuleCompiler());
    }

    public RuleSetValidator(RuleCompiler compiler) {
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    public Validation validate(RuleSetSource source) {
        try {
            return Validation.valid(compiler.compile(source));
        } catch (RuleRefusedException e) {
            return Validation.invalid(e.violations().stream().map(ValidationProblem::of).toList());
        } catch (RuleCompilationException e) {
            return Validation.invalid(e.problems().stream().map(ValidationProblem::of).toList());
        }
    }
}
