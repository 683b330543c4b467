package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
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

/**
 * On first start, loads the six seed products with their rule sets as published version 1
 * (effective from 2023-01-01); then compiles every version in force today so that the first
 * decision does not pay for compilation.
 */
@ApplicationScoped
public class CatalogSeeder {
    static final LocalDate SEED_EFFECTIVE_FROM = LocalDate.of(2023, 1, 1);
    private static final Logger LOG = Logger.getLogger(CatalogSeeder.class);

    @Inject
    RuleSetsInForce ruleSets;

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> SeedRuleSets.PRODUCTS.forEach(this::seedIfMissing));
        QuarkusTransaction.requiringNew().run(this::warmUp);
    }

    private void seedIfMissing(SeedProduct seed) {
        if (Product.findByCode(seed.code()).isPresent()) return;
        Product product = Product.create(seed.code(), seed.nameZh(), seed.nameEn(),
                seed.segments().stream().map(Segment::name).toList(), seed.description());
        RuleSetSource source = SeedRuleSets.ruleSet(seed.code());
        RuleSetVersion version = RuleSetVersion.storePublished(product, 1, source.sha256(), source.files(),
                SEED_EFFECTIVE_FROM, "seed");
        LOG.infof("seeded product %s (%s) with rule set version 1, sha256 %s", seed.code(), seed.nameZh(), version.sha256);
    }

    private void warmUp() {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        Product.<Product>listAll().forEach(p -> ruleSets.of(p, today));
    }
}
