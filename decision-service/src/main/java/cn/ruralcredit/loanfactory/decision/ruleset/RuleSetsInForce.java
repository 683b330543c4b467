package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.catalog.market.MarketRate;
import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetFile;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.market.LprSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a decision on a date is made with: the rule set version and the LPR in force then. Call within a transaction. */
@ApplicationScoped
public class RuleSetsInForce {

    @Inject
    RuleSetCache cache;

    /** The compiled version of a product in force on {@code date}, if one is published. */
    public Optional<InForce> of(Product product, LocalDate date) {
        return RuleSetVersion.inForce(product, date)
                .map(v -> new InForce(v.version, cache.serving(v.sha256, () -> RuleSetFile.contentOf(v))));
    }

    /** The one-year LPR in force on {@code date}; a 422 when there is none. */
    public BigDecimal lprOn(LocalDate date) {
        return lprSchedule().rateOn(date)
                .orElseThrow(() -> ProblemException.unprocessable("no LPR in force on " + date));
    }

    /** The one-year LPR history of the catalog. */
    public LprSchedule lprSchedule() {
        return new LprSchedule(MarketRate.history(MarketRate.LPR_1Y).stream()
                .collect(Collectors.toMap(r -> r.effectiveFrom, r -> r.ratePct)));
    }

    public record InForce(int version, CompiledRuleSet ruleSet) {
    }
}
