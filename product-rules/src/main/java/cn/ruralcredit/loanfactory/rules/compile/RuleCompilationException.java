package cn.ruralcredit.loanfactory.rules.compile;

import java.util.List;
import java.util.stream.Collectors;

/** The rule set does not compile; {@link #problems()} locates each error. */
public class RuleCompilationException extends RuntimeException {
    private final List<CompileProblem> problems;

    public RuleCompilationException(List<CompileProblem> problems) {
        this(problems, "rule set does not compile");
    }

    protected RuleCompilationException(List<CompileProblem> problems, String what) {
        super(what + ": " + problems.stream()
                .map(p -> p.file() + ":" + p.line() + ":" + p.column() + " " + p.message())
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<CompileProblem> problems() {
        return problems;
    }
}
