package cn.ruralcredit.loanfactory.decision.offers;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.api.DecisionResponse;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleSetsInForce;
import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import cn.ruralcredit.loanfactory.rules.engine.EvaluatedDecision;
import cn.ruralcredit.loanfactory.rules.model.Outcome;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequestReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Evaluates one applicant against every product whose segments include the applicant's and that
 * has a rule set in force on {@code asOfDate}; keeps those that did not decline, ranked by limit
 * (highest first), then rate (lowest first), then product code. Nothing is stored.
 */
@ApplicationScoped
public class OffersService {
    private static final Comparator<OffersResponse.Offer> RANKING = Comparator
            .comparing(OffersResponse.Offer::creditLimit, Comparator.reverseOrder())
            .thenComparing(OffersResponse.Offer::annualRatePct)
            .thenComparing(OffersResponse.Offer::productCode);

    @Inject
    RuleSetsInForce ruleSets;

    @Inject
    DecisionEngine engine;

    private record Candidate(Product product, RuleSetsInForce.InForce inForce) {
    }

    private record Prepared(BigDecimal lprPct, List<Candidate> candidates) {
    }

    public OffersResponse offers(String body) {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        DecisionRequest received = DecisionRequestReader.readForAllProducts(ApiJson.parse(body), today);
        DecisionRequest request = received.evaluatedOn(today);
        String segment = request.applicant().segment().name();

        Prepared prepared = QuarkusTransaction.requiringNew().call(() -> new Prepared(
                ruleSets.lprOn(request.asOfDate()),
                Product.<Product>listAll().stream()
                        .filter(p -> p.segmentList().contains(segment))
                        .flatMap(p -> ruleSets.of(p, request.asOfDate()).map(v -> new Candidate(p, v)).stream())
                        .toList()));

        List<OffersResponse.Offer> offers = prepared.candidates().stream()
                .map(c -> offer(c, engine.evaluate(c.inForce().ruleSet(), request, prepared.lprPct())))
                .filter(o -> o.outcome() != Outcome.DECLINED)
                .sorted(RANKING)
                .toList();
        return new OffersResponse(request.requestId(), request.asOfDate(), prepared.lprPct(), offers);
    }

    private static OffersResponse.Offer offer(Candidate c, EvaluatedDecision d) {
        return new OffersResponse.Offer(c.product().code, c.product().nameZh, d.outcome(), d.tier(), d.creditLimit(),
                d.annualRatePct(), d.guarantee(), d.approvalLevel(), d.validityMonths(), d.reasons(),
                new DecisionResponse.RuleSetRef(c.inForce().version(), c.inForce().ruleSet().sha256()));
    }
}
