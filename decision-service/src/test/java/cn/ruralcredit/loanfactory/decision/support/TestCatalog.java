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
        catalogChanged();
    }

    /**
     * Like {@link #publish}, for a product that serves no real segment: offers (一选多), which match
     * products by segment, never list it, so other tests' offers stay as they expect.
     */
    public static void publishUnoffered(String code, RuleSetSource source) {
        QuarkusTransaction.requiringNew().run(() -> RuleSetVersion.storePublished(
                Product.create(code, "测试产品", "test product", List.of("TEST_ONLY"), null),
                1, source.sha256(), source.files(), LocalDate.of(2023, 1, 1), "test"));
        catalogChanged();
    }

    /** Publishes {@code source} as version {@code number} of existing product {@code code}, in force from 2023-01-01. */
    public static void publishVersion(String code, int number, RuleSetSource source) {
        QuarkusTransaction.requiringNew().run(() -> RuleSetVersion.storePublished(Product.findByCode(code).orElseThrow(),
                number, source.sha256(), source.files(), LocalDate.of(2023, 1, 1), "test"));
        catalogChanged();
    }

    /**
     * The catalog changed behind the services' back (straight into the tables): the next decision
     * reads it again, as the node that publishes does (other nodes see it at their next poll).
     */
    public static void catalogChanged() {
        io.quarkus.arc.Arc.container().instance(cn.ruralcredit.loanfactory.decision.ruleset.CatalogCache.class).get().changed();
    }

    /** {@code source} with {@code from} replaced by {@code to} in file {@code path}. */
    public static RuleSetSource changed(RuleSetSource source, String path, String from, String to) {
        java.util.Map<String, String> files = new java.util.TreeMap<>(source.files());
        String content = files.get(path);
        if (content == null || !content.contains(from)) throw new AssertionError(path + " has no " + from);
        files.put(path, content.replace(from, to));
        return new RuleSetSource(files);
    }
}
