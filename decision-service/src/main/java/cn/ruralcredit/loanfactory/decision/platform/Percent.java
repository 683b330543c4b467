package cn.ruralcredit.loanfactory.decision.platform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a percentage as API.md says, "percentages with 2 decimals": {@code 3.00}, {@code 5.20},
 * whatever scale the value had on its way (a database column, a rule's arithmetic, a request), so
 * that a new decision, a stored one read back and an offer write the same number the same way.
 * Put on a record component with {@code @JsonSerialize(using = Percent.class)}.
 */
public final class Percent extends JsonSerializer<BigDecimal> {
    public static final int DECIMALS = 2;

    /** {@code value} with exactly two decimals (half-up: rates never carry more than two). */
    public static BigDecimal twoDecimals(BigDecimal value) {
        return value.setScale(DECIMALS, RoundingMode.HALF_UP);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        // written as text so that no mapper setting (scientific notation, stripped zeros) changes it
        gen.writeNumber(twoDecimals(value).toPlainString());
    }
}
