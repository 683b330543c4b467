package cn.ruralcredit.loanfactory.rules.sandbox;

/**
 * One construct of a rule set that the {@link RuleSandbox} refuses.
 *
 * @param file      the rule set file, as keyed in the rule set (e.g. {@code FUNONG/grading.drl})
 * @param line      1-based line of the offending token
 * @param column    1-based column of the offending token (UTF-16 code units; a tab is one column)
 * @param construct a short stable code for what is refused, one of those listed on {@link RuleSandbox}
 * @param message   plain English: what is refused, why, and what is allowed instead
 */
public record SandboxViolation(String file, int line, int column, String construct, String message) {
}
