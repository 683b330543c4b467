package cn.ruralcredit.loanfactory.decision.audit;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The record hash: every column counts, decimals count by value, the format is fixed. */
class RecordHashTest {

    static Decision sample() {
        Decision d = new Decision();
        d.id = "01JD3B6ZKX0QW6M2R4N8T5V7Y9";
        d.requestId = "req-1";
        d.requestHash = "a".repeat(64);
        d.productCode = "FUNONG";
        d.ruleSetVersion = 1;
        d.ruleSetSha256 = "b".repeat(64);
        d.engineVersion = "10.1.0";
        d.asOfDate = LocalDate.of(2025, 11, 21);
        d.lprPct = new BigDecimal("3.00");
        d.outcome = "APPROVED";
        d.creditLimit = new BigDecimal("80000.00");
        d.annualRatePct = new BigDecimal("5.20");
        d.channel = "MOBILE_APP";
        d.requestJson = "{\"requestId\":\"req-1\",\"applicant\":{\"name\":\"张三\"}}";
        d.responseJson = "{\"creditLimit\":80000}";
        d.firedRules = "[\"common: age in range\"]";
        d.decidedAt = Instant.parse("2025-11-21T02:03:04.567Z");
        return d;
    }

    @Test
    void shouldKeepItsFormat() {
        // sha256 of the documented serialisation, computed independently (a 4-byte big-endian length and the
        // UTF-8 bytes of: the format tag, each column in order, decimals 3 / 80000 / 5.2, decidedAt as epoch ms).
        // Stored record hashes depend on it: a change here breaks every sealed log.
        assertEquals("aeade693c5d2281cbc3943f4303780ee3d9373872ac49c0ad39033832f3dcb46", RecordHash.of(sample()));
    }

    @Test
    void shouldHashDecimalsByValueNotScale() {
        Decision a = sample();
        Decision b = sample();
        b.creditLimit = new BigDecimal("80000");
        b.lprPct = new BigDecimal("3");
        b.annualRatePct = new BigDecimal("5.2");
        assertEquals(RecordHash.of(a), RecordHash.of(b));
        assertEquals("80000", RecordHash.decimal(new BigDecimal("8E+4")));
        assertEquals("0", RecordHash.decimal(new BigDecimal("0.00")));
        assertEquals("0.5", RecordHash.decimal(new BigDecimal("0.50")));
        // as MariaDB stores a DECIMAL(n, 2): half up
        assertEquals("5.21", RecordHash.decimal(new BigDecimal("5.205")));
        assertEquals("-5.21", RecordHash.decimal(new BigDecimal("-5.205")));
    }

    @Test
    void shouldChangeWithEveryColumn() throws IllegalAccessException {
        String original = RecordHash.of(sample());
        Set<String> hashes = new HashSet<>(Set.of(original));
        List<Field> columns = Arrays.stream(Decision.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()))
                .filter(f -> !f.getName().equals("recordHash"))
                .toList();
        assertEquals(17, columns.size(), "a new column of decision must be added to RecordHash: " + columns);
        for (Field column : columns) {
            Decision d = sample();
            column.set(d, changed(column.get(d)));
            String hash = RecordHash.of(d);
            assertNotEquals(original, hash, column.getName() + " does not change the hash");
            hashes.add(hash);
        }
        assertEquals(columns.size() + 1, hashes.size(), "two changes gave the same hash");
    }

    @Test
    void shouldNotDependOnTheStoredRecordHash() {
        Decision d = sample();
        String before = RecordHash.of(d);
        d.recordHash = "f".repeat(64);
        assertEquals(before, RecordHash.of(d));
    }

    @Test
    void shouldTellFieldBoundariesAndNullsApart() {
        Decision a = sample();
        a.requestId = "ab";
        a.productCode = "c";
        Decision b = sample();
        b.requestId = "a";
        b.productCode = "bc";
        assertNotEquals(RecordHash.of(a), RecordHash.of(b));

        Decision nullRate = sample();
        nullRate.annualRatePct = null;
        Decision zeroRate = sample();
        zeroRate.annualRatePct = BigDecimal.ZERO;
        assertNotEquals(RecordHash.of(nullRate), RecordHash.of(zeroRate));

        Decision empty = sample();
        empty.firedRules = "";
        Decision none = sample();
        none.firedRules = null;
        assertNotEquals(RecordHash.of(empty), RecordHash.of(none));
    }

    private static Object changed(Object value) {
        if (value instanceof String s) return s + "x";
        if (value instanceof Integer i) return i + 1;
        if (value instanceof BigDecimal b) return b.add(new BigDecimal("0.01"));
        if (value instanceof LocalDate d) return d.plusDays(1);
        if (value instanceof Instant t) return t.plusMillis(1);
        throw new IllegalArgumentException("no change for " + value);
    }
}
