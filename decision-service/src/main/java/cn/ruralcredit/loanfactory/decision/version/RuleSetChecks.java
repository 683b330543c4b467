package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.decision.ruleset.WorkerConfig;
import cn.ruralcredit.loanfactory.rules.compile.ValidationProblem;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.worker.RuleWorkers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The validate step, in a rule worker: the rule guard on the parsed DRL, compilation with the
 * executable model, the guard on the compiled bytecode, with every problem located by file, line
 * and column. Content nobody has reviewed is never compiled in the service's JVM.
 */
@ApplicationScoped
public class RuleSetChecks {
    @Inject
    RuleWorkers workers;
    @Inject
    WorkerConfig config;

    public VersionViews.Validation check(RuleSetSource source) {
        List<ValidationProblem> problems = workers.with(config.staffWait(), w -> w.validate(source));
        return new VersionViews.Validation(source.sha256(), problems.isEmpty(), problems.stream()
                .map(p -> new VersionViews.Problem(p.kind(), p.file(), p.line(), p.column(), p.message()))
                .toList());
    }
}
