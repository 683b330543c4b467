package cn.ruralcredit.loanfactory.decision.support;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetFile;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetStatus;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** Puts test products with a published rule set straight into the catalog. */
public final class TestCatalog {
    private TestCatalog() {
    }

    /** A FARMER product {@code code} whose version 1, in force from 2023-01-01, is {@code source}. */
    public static void publish(String code, RuleSetSource source) {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            Product product = new Product();
            product.code = code;
            product.nameZh = "测试产品";
            product.nameEn = "test product";
            product.segments = "FARMER";
            product.status = Product.ACTIVE;
            product.createdAt = now;
            product.persist();
            RuleSetVersion version = new RuleSetVersion();
            version.product = product;
            version.version = 1;
            version.status = RuleSetStatus.PUBLISHED.name();
            version.sha256 = source.sha256();
            version.effectiveFrom = LocalDate.of(2023, 1, 1);
            version.author = "test";
            version.approver = "test";
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
        });
    }
}
