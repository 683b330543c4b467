package cn.ruralcredit.loanfactory.rules.compile;

import cn.ruralcredit.loanfactory.rules.guard.GuardViolation;

/**
 * One reason a rule set is invalid.
 *
 * @param kind    {@value #SANDBOX} (refused by the rule guard) or {@value #COMPILE} (does not compile)
 * @param file    the rule set file
 * @param line    1-based line; 0 when the problem is about the whole file or its position is unknown
 * @param column  1-based column; 0 likewise
 * @param message plain English; for a guard refusal it names the rule and what is refused
 */
public record ValidationProblem(String kind, String file, int line, int column, String message) {
    public static final String SANDBOX = "SANDBOX";
    public static final String COMPILE = "COMPILE";

    public static ValidationProblem of(GuardViolation v) {
        return new ValidationProblem(SANDBOX, v.file(), v.line(), v.column(), v.message());
    }

    public static ValidationProblem of(CompileProblem p) {
        return new ValidationProblem(COMPILE, p.file(), p.line(), p.column(), p.message());
    }
}
