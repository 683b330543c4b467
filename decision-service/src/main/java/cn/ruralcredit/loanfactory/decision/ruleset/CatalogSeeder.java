package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetFile;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetStatus;
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

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;

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
    RuleSetCache cache;

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> SeedRuleSets.PRODUCTS.forEach(this::seedIfMissing));
        QuarkusTransaction.requiringNew().run(this::warmUp);
    }

    private void seedIfMissing(SeedProduct seed) {
        if (Product.findByCode(seed.code()).isPresent()) return;
        Instant now = Instant.now();
        Product product = new Product();
        product.code = seed.code();
        product.nameZh = seed.nameZh();
        product.nameEn = seed.nameEn();
        product.segments = seed.segments().stream().map(Segment::name).collect(Collectors.joining(","));
        product.description = seed.description();
        product.status = Product.ACTIVE;
        product.createdAt = now;
        product.persist();

        RuleSetSource source = SeedRuleSets.ruleSet(seed.code());
        RuleSetVersion version = new RuleSetVersion();
        version.product = product;
        version.version = 1;
        version.status = RuleSetStatus.PUBLISHED.name();
        version.sha256 = source.sha256();
        version.effectiveFrom = SEED_EFFECTIVE_FROM;
        version.author = "seed";
        version.approver = "seed";
        version.createdAt = now;
        version.updatedAt = now;
        version.publishedAt = now;
        version.persist();
        for (Map.Entry<String, String> f : source.files().entrySet()) {
            RuleSetFile file = new RuleSetFile();
            file.ruleSetVersion = version;
            file.path = f.getKey();
            file.content = f.getValue();
            file.persist();
        }
        LOG.infof("seeded product %s (%s) with rule set version 1, sha256 %s", seed.code(), seed.nameZh(), version.sha256);
    }

    private void warmUp() {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        for (Product p : Product.<Product>listAll()) {
            RuleSetVersion.inForce(p, today).ifPresent(v -> cache.get(v.sha256, () -> RuleSetFile.contentOf(v)));
        }
    }
}
