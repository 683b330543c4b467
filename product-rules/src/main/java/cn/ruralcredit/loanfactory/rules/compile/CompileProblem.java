package cn.ruralcredit.loanfactory.rules.compile;

/** A compile error of a rule set, located in one of its files (line and column 1-based, 0 when unknown). */
public record CompileProblem(String file, int line, int column, String message) {
}
