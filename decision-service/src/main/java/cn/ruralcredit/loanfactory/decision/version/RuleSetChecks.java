package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.compile.RuleSetValidator;
import cn.ruralcredit.loanfactory.rules.compile.Validation;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The validate step: the sandbox check, then (only if it passes) compilation, with every problem
 * located by file, line and column.
 */
@ApplicationScoped
public class RuleSetChecks {
    private final RuleSetValidator validator = new RuleSetValidator();

    /** The checked content: {@code compiled} is null when the validation failed. */
    public record Checked(VersionViews.Validation validation, CompiledRuleSet compiled) {
    }

    public Checked check(RuleSetSource source) {
        Validation v = validator.validate(source);
        return new Checked(new VersionViews.Validation(source.sha256(), v.valid(), v.problems().stream()
                .map(p -> new VersionViews.Problem(p.kind(), p.file(), p.line(), p.column(), p.message()))
                .toList()), v.compiled());
    }
}
