package cn.ruralcredit.loanfactory.decision.ruleset;

import java.time.ZoneId;

/** The service's business time zone: a missing {@code asOfDate} is today's date here (PRODUCTS.md 1.3). */
public final class DecisionClock {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private DecisionClock() {
    }
}
