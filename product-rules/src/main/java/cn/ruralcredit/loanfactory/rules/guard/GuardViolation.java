package cn.ruralcredit.loanfactory.rules.guard;

/**
 * One thing the rule guard refuses.
 *
 * @param construct what kind of thing (see {@link Construct})
 * @param file      the rule set file, or "" when it cannot be told
 * @param line      1-based line, 0 when unknown
 * @param column    1-based column, 0 when unknown
 * @param rule      the rule, function or declared type it was found in, or "" for the whole file
 * @param message   plain English: what is refused and why
 */
public record GuardViolation(Construct construct, String file, int line, int column, String rule, String message) {

    /** The kinds of refusal. */
    public enum Construct {
        /** a file that is not a plain {@code .drl} path */
        FILE_NAME,
        /** a package outside the rule set namespace, or one of product-rules' own code packages */
        PACKAGE,
        /** a dialect other than java */
        DIALECT,
        /** a rule attribute that is evaluated at run time or schedules work (salience must be a literal) */
        ATTRIBUTE,
        /** an {@code import accumulate}: the compiler instantiates the named class while it compiles */
        IMPORT,
        /** an annotation on a rule, a pattern, a declared type or a field: the compiler evaluates some with MVEL */
        ANNOTATION,
        /** a declared enum, or a declared type that extends a type the rule set did not declare: initialised while compiling */
        DECLARATION,
        /** a query (a decision has no caller for one, and a recursive one can exhaust the heap) */
        QUERY,
        /** a class, method, constructor or field that is not on the allowlist */
        REFERENCE,
        /** a supertype that is not on the allowlist */
        SUPERTYPE,
        /** writing a field of a type the rule set did not declare */
        FIELD_WRITE,
        /** a loop in rule code */
        LOOP,
        /** a function or method that calls itself, directly or through others */
        RECURSION,
        /** synchronized, a finaliser, a dynamic constant or another construct that reaches the JVM */
        JVM,
        /** an array whose size is not a small literal */
        ARRAY_SIZE,
        /** an argument that must be a literal (a scale, an exponent, a decimal) and is not */
        LITERAL
    }
}
