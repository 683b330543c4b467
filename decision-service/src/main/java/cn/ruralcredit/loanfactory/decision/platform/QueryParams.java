package cn.ruralcredit.loanfactory.decision.platform;

import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Query parameters read from their text, so that a bad one is a 400 naming it (problem details
 * with {@code errors}) rather than a bare 404 from the JAX-RS conversion. An absent or blank
 * parameter means "not given".
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** The parameter, stripped, or null when absent or blank. */
    public static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    /** An integer from {@code min} to {@code max}, {@code absent} when not given, null (and an error) when bad. */
    public static Integer integer(String raw, String field, int min, int max, Integer absent, String message,
                                  FieldErrors errors) {
        String s = text(raw);
        if (s == null) return absent;
        try {
            int value = Integer.parseInt(s);
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field, message);
        return null;
    }

    /** An ISO date ({@code yyyy-MM-dd}), null when not given or bad (and an error). */
    public static LocalDate date(String raw, String field, FieldErrors errors) {
        String s = text(raw);
        if (s == null) return null;
        try {
            LocalDate date = LocalDate.parse(s);
            // the database's DATETIME holds years 1000 to 9999; an ISO date may be far beyond
            if (date.getYear() >= 1000 && date.getYear() <= 9999) return date;
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(field, "must be a date (yyyy-MM-dd, years 1000 to 9999)");
        return null;
    }

    /**
     * Days {@code from} to {@code to}, both inclusive and either open, in the business time zone
     * (Asia/Shanghai): a record belongs to the day on which it happened there.
     */
    public record DateRange(LocalDate from, LocalDate to) {
        /** Reads {@code from} and {@code to}; a {@code from} after {@code to} is an error on {@code from}. */
        public static DateRange parse(String from, String to, FieldErrors errors) {
            LocalDate f = date(from, "from", errors);
            LocalDate t = date(to, "to", errors);
            if (f != null && t != null && f.isAfter(t)) errors.add("from", "must not be after to");
            return new DateRange(f, t);
        }

        /** The first instant of {@code from} in Asia/Shanghai, or null. */
        public Instant startInclusive() {
            return from == null ? null : from.atStartOfDay(DecisionClock.ZONE).toInstant();
        }

        /** The first instant after {@code to} in Asia/Shanghai, or null. */
        public Instant endExclusive() {
            return to == null ? null : to.plusDays(1).atStartOfDay(DecisionClock.ZONE).toInstant();
        }
    }
}
