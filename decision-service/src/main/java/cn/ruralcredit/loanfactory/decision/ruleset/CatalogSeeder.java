package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.scenario.SuiteCase;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.catalog.version.VersionEvent;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.scenario.ScenarioService;
import cn.ruralcredit.loanfactory.decision.version.LifecycleEvent;
import cn.ruralcredit.loanfactory.rules.seed.SeedScenario;
import cn.ruralcredit.loanfactory.rules.seed.SeedScenarios;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.model.Segment;
import cn.ruralcredit.loanfactory.rules.seed.SeedProduct;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * On first start, loads the six seed products with their rule sets as published version 1
 * (effective from 2023-01-01) and their scenario suites (the rule-tests cases); then compiles
 * every version in force today or scheduled after today, so that no decision pays for
 * compilation.
 */
@ApplicationScoped
public class CatalogSeeder {
    static final LocalDate SEED_EFFECTIVE_FROM = LocalDate.of(2023, 1, 1);
    private static final String SEED = "seed";
    private static final Logger LOG = Logger.getLogger(CatalogSeeder.class);

    @Inject
    RuleSetsInForce ruleSets;
    @Inject
    CatalogCache catalog;

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> SeedRuleSets.PRODUCTS.forEach(this::seedIfMissing));
        catalog.changed();
        warmUp();
    }

    private void seedIfMissing(SeedProduct seed) {
        Product existing = Product.findByCode(seed.code()).orElse(null);
        if (existing != null) {
            // a catalog from before scenario suites existed: give an untouched seed product its suite
            if (SuiteCase.count("product", existing) == 0 && VersionEvent.count("product", existing) == 0) {
                seedSuite(existing);
            }
            return;
        }
        Product product = Product.create(seed.code(), seed.nameZh(), seed.nameEn(),
                seed.segments().stream().map(Segment::name).toList(), seed.description());
        RuleSetSource source = SeedRuleSets.ruleSet(seed.code());
        RuleSetVersion version = RuleSetVersion.storePublished(product, 1, source.sha256(), source.files(),
                SEED_EFFECTIVE_FROM, SEED);
        VersionEvent.record(product, 1, LifecycleEvent.PUBLISHED.name(), SEED, "seed product (PRODUCTS.md)",
                ApiJson.write(Map.of("sha256", version.sha256, "effectiveFrom", SEED_EFFECTIVE_FROM.toString())));
        int cases = seedSuite(product);
        LOG.infof("seeded product %s (%s) with rule set version 1, sha256 %s, and %d scenarios", seed.code(), seed.nameZh(),
                version.sha256, cases);
    }

    private static int seedSuite(Product product) {
        List<SeedScenario> suite = SeedScenarios.of(product.code);
        suite.forEach(c -> ScenarioService.seed(product, c.fileName().replaceFirst("\\.json$", ""), c.json()));
        return suite.size();
    }

    /**
     * Compiles what serves decisions today and what is published for later, before the first
     * decision. Outside any transaction: a compile takes a second, or much longer on a busy machine.
     */
    private void warmUp() {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        CatalogSnapshot snapshot = catalog.snapshot();
        for (String code : snapshot.products()) {
            snapshot.inForce(code, today).ifPresent(v -> ruleSets.serving(code, v));
            snapshot.published(code).stream().filter(v -> v.effectiveFrom().isAfter(today))
                    .forEach(v -> ruleSets.serving(code, v));
        }
    }
}
