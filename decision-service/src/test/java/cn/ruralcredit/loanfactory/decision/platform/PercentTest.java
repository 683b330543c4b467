package cn.ruralcredit.loanfactory.decision.platform;

import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.api.DecisionResponse;
import cn.ruralcredit.loanfactory.decision.offers.OffersResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API.md: "percentages with 2 decimals". The scale a rate arrives with (3 from a request, 5.2
 * from arithmetic, 3.00 from a DECIMAL column) must not show in the JSON a channel reads.
 */
class PercentTest {

    private static DecisionResponse decisionWith(String lprPct, String annualRatePct) {
        return new DecisionResponse("01JD2V7N3C4Q8W5T6Y7Z8A9B0C", "r-1", "FUNONG", new DecisionResponse.RuleSetRef(1, "ab"),
                LocalDate.of(2025, 11, 21), new BigDecimal(lprPct), null, null, new BigDecimal("80000"),
                annualRatePct == null ? null : new BigDecimal(annualRatePct), null, null, 36, List.of(), List.of(),
                "2025-11-21T08:15:30.123Z");
    }

    @Test
    void shouldWriteEveryDecisionRateWithTwoDecimals() {
        String json = ApiJson.write(decisionWith("3", "5.2"));
        assertTrue(json.contains("\"lprPct\":3.00,"), json);
        assertTrue(json.contains("\"annualRatePct\":5.20,"), json);
        assertTrue(ApiJson.write(decisionWith("3.0", "4.50")).contains("\"lprPct\":3.00,\""), "3.0");
        assertTrue(ApiJson.write(decisionWith("3.00", null)).contains("\"annualRatePct\":null,"), "a decline has no rate");
    }

    @Test
    void shouldWriteOfferRatesWithTwoDecimalsWhateverTheMapper() throws Exception {
        var offer = new OffersResponse.Offer("XIANGQING", "乡情贷", null, null, new BigDecimal("300000"), new BigDecimal("5.9"),
                null, null, 12, List.of(), null);
        String json = new ObjectMapper().findAndRegisterModules()
                .writeValueAsString(new OffersResponse(null, null, new BigDecimal("3.0"), List.of(offer)));
        assertTrue(json.contains("\"lprPct\":3.00,"), json);
        assertTrue(json.contains("\"annualRatePct\":5.90,"), json);
    }

    @Test
    void shouldRoundHalfUpToTwoDecimals() {
        assertEquals(new BigDecimal("5.21"), Percent.twoDecimals(new BigDecimal("5.205")));
        assertEquals("0.00", Percent.twoDecimals(BigDecimal.ZERO).toPlainString());
    }
}
