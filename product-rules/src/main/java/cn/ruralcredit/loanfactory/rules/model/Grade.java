package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;

/** The tier (资信等级) the grading gave and the limit cap that goes with it. */
public final class Grade {
    private final String code;
    private final String label;
    private final BigDecimal cap;

    public Grade(String code, String label, BigDecimal cap) {
        this.code = code;
        this.label = label;
        this.cap = cap;
    }

    public Grade(String code, String label, String cap) {
        this(code, label, Amounts.of(cap));
    }

    public String getCode() { return code; }
    public String getLabel() { return label; }
    public BigDecimal getCap() { return cap; }
}
