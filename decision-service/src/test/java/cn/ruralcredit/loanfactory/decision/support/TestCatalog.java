package cn.ruralcredit.loanfactory.decision.support;

import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.LocalDate;
import java.util.List;

/** Puts test products with a published rule set straight into the catalog. */
public final class TestCatalog {
    private TestCatalog() {
    }

    /** A FARMER product {@code code} whose version 1, in force from 2023-01-01, is {@code source}. */
    public static void publish(String code, RuleSetSource source) {
        QuarkusTransaction.requiringNew().run(() -> RuleSetVersion.storePublished(
                Product.create(code, "测试产品", "test product", List.of("FARMER"), null),
                1, source.sha256(), source.files(), LocalDate.of(2023, 1, 1), "test"));
    }
}
