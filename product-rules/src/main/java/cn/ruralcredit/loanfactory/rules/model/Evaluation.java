package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The evaluation context: the date the decision is made for and the market rate in force on it.
 * Rules read the date from here and never from the clock.
 */
public final class Evaluation {
    private final LocalDate asOfDate;
    private final LocalDate birthDate;
    private final int age;
    private final BigDecimal lprPct;

    public Evaluation(LocalDate asOfDate, LocalDate birthDate, BigDecimal lprPct) {
        this.asOfDate = asOfDate;
        this.birthDate = birthDate;
        this.age = completedYears(birthDate, asOfDate);
        this.lprPct = lprPct;
    }

    /**
     * Completed years between two dates, comparing (month, day) as PRODUCTS.md 1.3 says: someone
     * born on 29 February has their birthday on 1 March in other years.
     */
    public static int completedYears(LocalDate birth, LocalDate on) {
        int years = on.getYear() - birth.getYear();
        boolean birthdayNotYetReached = on.getMonthValue() < birth.getMonthValue()
                || (on.getMonthValue() == birth.getMonthValue() && on.getDayOfMonth() < birth.getDayOfMonth());
        return birthdayNotYetReached ? years - 1 : years;
    }

    public LocalDate getAsOfDate() { return asOfDate; }
    public LocalDate getBirthDate() { return birthDate; }
    public int getAge() { return age; }
    public BigDecimal getLprPct() { return lprPct; }
}
