package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Amounts, rates and caps written as text in rules ({@code "100000"}, {@code "1.60"}). Only plain
 * decimals are accepted: no exponent, at most 15 digits before the point and 6 after. A decimal
 * such as {@code 1E999999999} is a few bytes of text but a billion digits to every addition or
 * rounding that meets it; refusing it here keeps rule arithmetic bounded by construction.
 */
public final class Amounts {
    private static final Pattern PLAIN = Pattern.compile("-?\\d{1,15}(\\.\\d{1,6})?");

    private Amounts() {
    }

    /** The decimal {@code text} names; an IllegalArgumentException (the decision fails closed) for anything but a plain decimal. */
    public static BigDecimal of(String text) {
        if (text == null || !PLAIN.matcher(text).matches()) {
            throw new IllegalArgumentException("not a plain decimal (digits, an optional point, no exponent, at most"
                    + " 15 digits before the point and 6 after): " + (text == null ? "null"
                    : text.length() > 40 ? text.substring(0, 40) + "…" : text));
        }
        return new BigDecimal(text);
    }
}
