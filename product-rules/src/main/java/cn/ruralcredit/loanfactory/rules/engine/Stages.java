package cn.ruralcredit.loanfactory.rules.engine;

import java.util.List;

/**
 * The agenda groups every rule set is evaluated through, in this order (PRODUCTS.md 1.4-1.5).
 * A stage runs to quiescence before the next one gets the focus, so a rule may rely on every fact
 * the earlier stages inserted: {@code terms} (each product declares its parameters),
 * {@code eligibility} (stage-A declines), {@code scoring}, {@code grading} (tier and cap),
 * {@code limit}, {@code guarantee}, {@code pricing} (spread parts), {@code rate} (LPR + spread,
 * floor), {@code approval} (minimum line) and {@code outcome} (the result is filled in).
 */
public final class Stages {
    public static final List<String> ORDER = List.of(
            "terms", "eligibility", "scoring", "grading", "limit", "guarantee", "pricing", "rate", "approval", "outcome");

    private Stages() {
    }
}
