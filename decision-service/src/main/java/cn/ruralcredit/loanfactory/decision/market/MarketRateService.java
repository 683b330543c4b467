package cn.ruralcredit.loanfactory.decision.market;

import cn.ruralcredit.loanfactory.catalog.market.MarketRate;
import cn.ruralcredit.loanfactory.decision.platform.Causes;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.CatalogCache;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The market rates decisions are priced from. Decisions read the LPR in force on their
 * {@code asOfDate} at the time they are made (RuleSetsInForce) and record the value they used, so
 * a new entry changes decisions made from then on and never a stored one. An entry takes effect
 * today or later (Asia/Shanghai): a backdated one is refused (422).
 */
@ApplicationScoped
@Transactional
public class MarketRateService {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Inject
    SecurityIdentity identity;
    @Inject
    CatalogCache catalog;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MarketRateView> list() {
        return MarketRate.<MarketRate>list("order by rateType, effectiveFrom").stream().map(MarketRateView::of).toList();
    }

    public MarketRateView add(NewMarketRate rate) {
        if (rate == null) throw FieldErrors.missingBody();
        String rateType = rate.rateType() == null ? MarketRate.LPR_1Y : rate.rateType();
        FieldErrors errors = new FieldErrors();
        errors.check(MarketRate.LPR_1Y.equals(rateType), "rateType", "must be " + MarketRate.LPR_1Y);
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        errors.check(rate.effectiveFrom() != null, "effectiveFrom", "is required (yyyy-MM-dd)");
        BigDecimal pct = rate.ratePct();
        if (errors.check(pct != null, "ratePct", "is required")) {
            errors.check(pct.signum() > 0 && pct.compareTo(HUNDRED) < 0, "ratePct", "must be above 0 and below 100");
            errors.check(pct.stripTrailingZeros().scale() <= 2, "ratePct", "must have at most 2 decimals");
        }
        errors.throwIfAny();
        // a rate in force before today would change, unseen, what new decisions with an old asOfDate
        // get (stored decisions and their replays keep the rate they recorded): refused, not approved
        if (rate.effectiveFrom().isBefore(today)) {
            throw new ProblemException(422, "Unprocessable Content", "a market rate cannot take effect in the past",
                    List.of(new FieldError("effectiveFrom", "must be today (" + today + ", Asia/Shanghai) or later")));
        }
        if (MarketRate.count("rateType = ?1 and effectiveFrom = ?2", rateType, rate.effectiveFrom()) > 0) {
            throw taken(rateType, rate);
        }
        MarketRate entry = new MarketRate();
        entry.rateType = rateType;
        entry.effectiveFrom = rate.effectiveFrom();
        entry.ratePct = pct.setScale(2, RoundingMode.UNNECESSARY);
        entry.createdAt = Instant.now();
        entry.createdBy = identity.getPrincipal().getName();
        try {
            entry.persistAndFlush();
            catalog.changedInThisTransaction();
        } catch (PersistenceException e) {
            if (Causes.isDuplicateKey(e)) throw taken(rateType, rate);
            throw e;
        }
        return MarketRateView.of(entry);
    }

    private static ProblemException taken(String rateType, NewMarketRate rate) {
        return ProblemException.conflict(rateType + " already has a rate in force from " + rate.effectiveFrom());
    }
}
