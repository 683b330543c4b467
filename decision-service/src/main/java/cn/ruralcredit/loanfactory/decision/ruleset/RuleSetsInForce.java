package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.catalog.market.MarketRate;
import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetFile;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.market.LprSchedule;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
    @Inject
    CatalogCache catalog;

    private final java.util.concurrent.ExecutorService compiler = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rule-set-precompile");
        t.setDaemon(true);
        return t;
    });

    /**
     * Whenever this node reads a new catalog (a change on any node), it compiles in the background
     * what may serve decisions soon: approved versions (about to be published, perhaps on another
     * node), versions in force today and versions published for later. A publish elsewhere then
     * finds the content compiled here, and is in force here within the catalog's bound rather than
     * after a compile.
     */
    void precompileOnChange(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ignored) {
        catalog.onReload(snapshot -> compiler.execute(() -> precompile(snapshot)));
    }

    private void precompile(CatalogSnapshot snapshot) {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        for (CatalogSnapshot.Published v : snapshot.approved()) precompile("approved", v);
        for (String code : snapshot.products()) {
            snapshot.inForce(code, today).ifPresent(v -> precompile(code, v));
            snapshot.published(code).stream().filter(v -> v.effectiveFrom().isAfter(today)).forEach(v -> precompile(code, v));
        }
    }

    private void precompile(String what, CatalogSnapshot.Published v) {
        if (cache.contains(v.sha256())) return;
        try {
            serving(what, v);
        } catch (RuntimeException e) {
            // the decision that needs it compiles it again, and fails closed if it cannot
            org.jboss.logging.Logger.getLogger(RuleSetsInForce.class).warnf("could not compile version %d (%s) ahead: %s",
                    v.version(), v.sha256().substring(0, 12), e.toString());
        }
    }

    /**
     * What a new decision on {@code code} and {@code date} is made with, from the in-memory catalog
     * (no transaction needed): the version in force, compiled, and the LPR, both from one snapshot.
     *
     * @throws ProblemException 404 for an unknown product, 422 with no version or no LPR in force, 503
     *                          when the catalog cannot be confirmed current
     */
    public Inputs forDecision(String code, LocalDate date) {
        CatalogSnapshot snapshot = catalog.snapshot();
        if (!snapshot.hasProduct(code)) throw ProblemException.notFound("unknown productCode " + code);
        CatalogSnapshot.Published v = snapshot.inForce(code, date)
                .orElseThrow(() -> ProblemException.unprocessable("product " + code
                        + " has no published rule set in force on " + date));
        BigDecimal lpr = snapshot.lpr().rateOn(date)
                .orElseThrow(() -> ProblemException.unprocessable("no LPR in force on " + date));
        return new Inputs(v.version(), serving(code, v), lpr);
    }

    /** {@code v} compiled (once per content), its files read in a transaction of their own when it is not resident. */
    public CompiledRuleSet serving(String code, CatalogSnapshot.Published v) {
        return cache.serving(v.sha256(), () -> QuarkusTransaction.requiringNew().call(() ->
                RuleSetFile.contentOf(RuleSetVersion.<RuleSetVersion>findByIdOptional(v.id()).orElseThrow(() ->
                        new RuleSetIntegrityException("version " + v.version() + " of " + code + " is gone from the catalog")))));
    }

    /** The inputs of one decision: one catalog snapshot's version in force, compiled, and LPR. */
    public record Inputs(int version, CompiledRuleSet ruleSet, BigDecimal lprPct) {
    }

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
