package cn.ruralcredit.loanfactory.decision.market;

import cn.ruralcredit.loanfactory.catalog.market.MarketRate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A market rate entry: in force from {@code effectiveFrom} until the next entry of its type. */
public record MarketRateView(String rateType, LocalDate effectiveFrom, BigDecimal ratePct, Instant createdAt, String createdBy) {

    static MarketRateView of(MarketRate r) {
        return new MarketRateView(r.rateType, r.effectiveFrom, r.ratePct, r.createdAt, r.createdBy);
    }
}
