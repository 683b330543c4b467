package cn.ruralcredit.loanfactory.rules.sandbox;

import cn.ruralcredit.loanfactory.rules.engine.CompileProblem;

/**
 * One reason a rule set is invalid.
 *
 * @param kind    {@value #SANDBOX} (refused by the {@link RuleSandbox}) or {@value #COMPILE} (does not compile)
 * @param file    the rule set file
 * @param line    1-based line; 0 when the problem is about the whole file or its position is unknown
 * @param column  1-based column; 0 likewise
 * @param message plain English; for a sandbox problem it starts with what is refused
 */
public record ValidationProblem(String kind, String file, int line, int column, String message) {
    public static final String SANDBOX = "SANDBOX";
    public static final String COMPILE = "COMPILE";

    static ValidationProblem of(SandboxViolation v) {
        return new ValidationProblem(SANDBOX, v.file(), v.line(), v.column(), v.message());
    }

    static ValidationProblem of(CompileProblem p) {
        return new ValidationProblem(COMPILE, p.file(), p.line(), p.column(), p.message());
    }
}
