package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.RuleCompilationException;
import cn.ruralcredit.loanfactory.rules.engine.RuleCompiler;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The validate step: a rule set's content checked and compiled, with every problem located. */
@ApplicationScoped
public class RuleSetChecks {
    private final RuleCompiler compiler = new RuleCompiler();

    /** The checked content: {@code compiled} is null when the validation failed. */
    public record Checked(VersionViews.Validation validation, CompiledRuleSet compiled) {
    }

    public Checked check(RuleSetSource source) {
        try {
            CompiledRuleSet compiled = compiler.compile(source);
            return new Checked(new VersionViews.Validation(source.sha256(), true, List.of()), compiled);
        } catch (RuleCompilationException e) {
            List<VersionViews.Problem> problems = e.problems().stream()
                    .map(p -> new VersionViews.Problem("COMPILE", p.file(), p.line(), p.column(), p.message()))
                    .toList();
            return new Checked(new VersionViews.Validation(source.sha256(), false, problems), null);
        }
    }
}
