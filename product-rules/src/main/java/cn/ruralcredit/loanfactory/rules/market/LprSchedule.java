package cn.ruralcredit.loanfactory.rules.market;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one-year LPR history: each entry is in force from its date inclusive until the next entry
 * (PRODUCTS.md 1.3). Before the first entry no LPR is in force.
 */
public final class LprSchedule {
    private final NavigableMap<LocalDate, BigDecimal> entries;

    public LprSchedule(Map<LocalDate, BigDecimal> entries) {
        this.entries = new TreeMap<>(entries);
    }

    public Optional<BigDecimal> rateOn(LocalDate date) {
        Map.Entry<LocalDate, BigDecimal> e = entries.floorEntry(date);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** The history PRODUCTS.md 1.3 ships with (also seeded into the catalog by its Flyway migration). */
    public static LprSchedule seed() {
        return new LprSchedule(Map.of(
                LocalDate.of(2023, 8, 21), new BigDecimal("3.45"),
                LocalDate.of(2024, 7, 22), new BigDecimal("3.35"),
                LocalDate.of(2024, 10, 21), new BigDecimal("3.10"),
                LocalDate.of(2025, 5, 20), new BigDecimal("3.00")));
    }
}
