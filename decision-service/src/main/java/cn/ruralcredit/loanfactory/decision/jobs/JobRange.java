package cn.ruralcredit.loanfactory.decision.jobs;

import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The date range of a new job, as asked for: by default the last {@code defaultDays} days up to today. */
public final class JobRange {
    private JobRange() {
    }

    public static JobScope scope(String productCode, LocalDate from, LocalDate to, int defaultDays) {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        LocalDate end = to == null ? today : to;
        LocalDate start = from == null ? end.minusDays(defaultDays - 1L) : from;
        if (start.isAfter(end)) throw ProblemException.badField("from", "from " + start + " is after to " + end);
        return new JobScope(productCode, start, end, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
