package cn.ruralcredit.loanfactory.rules.model;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Age in completed years, comparing (month, day) as PRODUCTS.md 1.3 says. */
class EvaluationTest {

    @Test
    void shouldCountAYearOnlyFromTheBirthday() {
        LocalDate birth = LocalDate.of(1960, 11, 21);
        assertEquals(64, Evaluation.completedYears(birth, LocalDate.of(2025, 11, 20)));
        assertEquals(65, Evaluation.completedYears(birth, LocalDate.of(2025, 11, 21)));
    }

    @Test
    void shouldGiveA29FebruaryBirthdayOn1MarchInOtherYears() {
        LocalDate birth = LocalDate.of(2000, 2, 29);
        assertEquals(17, Evaluation.completedYears(birth, LocalDate.of(2018, 2, 28)));
        assertEquals(18, Evaluation.completedYears(birth, LocalDate.of(2018, 3, 1)));
        assertEquals(20, Evaluation.completedYears(birth, LocalDate.of(2020, 2, 29)));
    }

    @Test
    void shouldRoundLimitsDownToWholeThousands() {
        assertEquals("45000", ProposedLimit.roundDownToThousands(new java.math.BigDecimal("45999.99")).toPlainString());
        assertEquals("0", ProposedLimit.roundDownToThousands(new java.math.BigDecimal("999")).toPlainString());
    }
}
