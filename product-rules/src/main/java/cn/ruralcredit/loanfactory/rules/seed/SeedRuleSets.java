package cn.ruralcredit.loanfactory.rules.seed;

import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.model.Segment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The six seed products and their version-1 rule sets, read from {@code seed-rulesets/} on the
 * classpath. Each rule set is self-contained: the common pipeline files plus the product's own
 * files, one per concern, so that a stored version can be replayed on its own.
 */
public final class SeedRuleSets {
    static final String ROOT = "seed-rulesets/";
    static final List<String> COMMON_FILES = List.of("eligibility.drl", "limit.drl", "guarantee.drl", "rate.drl", "outcome.drl");
    static final List<String> PRODUCT_FILES = List.of("eligibility.drl", "grading.drl", "limit.drl", "guarantee.drl", "pricing.drl", "approval.drl");

    public static final List<SeedProduct> PRODUCTS = List.of(
            new SeedProduct("FUNONG", "福农卡", "Funong card", List.of(Segment.FARMER, Segment.AGRI_ENTITY),
                    "农牧户及新型农业经营主体循环授信，资信评分定级"),
            new SeedProduct("FUSHANG", "福商卡", "Fushang card", List.of(Segment.MERCHANT, Segment.SMALL_ENTERPRISE),
                    "个体工商户及小微企业循环授信，按营业收入核定额度"),
            new SeedProduct("FUXIN", "福薪卡", "Fuxin card", List.of(Segment.SALARIED_PUBLIC, Segment.SALARIED_SOE),
                    "行政事业单位及国有企业工薪人员消费授信，按职级核定额度"),
            new SeedProduct("FUMIN", "福民卡", "Fumin card", List.of(Segment.RESIDENT),
                    "城乡居民循环授信，按家庭资产负债与收入核定额度"),
            new SeedProduct("XIANGQING", "乡情贷", "Xiangqing loan", List.of(Segment.MIGRANT_WORKER),
                    "外出务工人员纯信用线上秒贷，依托农民工信息库画像"),
            new SeedProduct("XSM_CHUANGYE", "新市民创业贷", "New citizen start-up loan",
                    List.of(Segment.NEW_CITIZEN, Segment.MIGRANT_WORKER),
                    "新市民创业经营贷款，线上普惠、线下快速、综合授信三阶段"));

    private SeedRuleSets() {
    }

    public static Optional<SeedProduct> product(String code) {
        return PRODUCTS.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /** The version-1 rule set of a seed product: {@code common/*.drl} plus {@code CODE/*.drl}. */
    public static RuleSetSource ruleSet(String productCode) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : COMMON_FILES) files.put("common/" + f, read(ROOT + "common/" + f));
        for (String f : PRODUCT_FILES) files.put(productCode + "/" + f, read(ROOT + productCode + "/" + f));
        return new RuleSetSource(files);
    }

    /**
     * The rule set a product created "from an empty rule set" starts with: the common pipeline
     * files, which every product shares, and one product file with its package and imports for the
     * product manager to fill in. It compiles; it decides nothing until product rules are added.
     */
    public static RuleSetSource starter(String productCode) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : COMMON_FILES) files.put("common/" + f, read(ROOT + "common/" + f));
        files.put(productCode + "/rules.drl", """
                // %s — product rules. Add one file per concern (eligibility, grading, limit, guarantee,
                // pricing, approval) as the seed products do; each rule belongs to a ruleflow-group stage.
                package cn.ruralcredit.loanfactory.rules.%s;

                import cn.ruralcredit.loanfactory.rules.model.*;
                import java.math.BigDecimal;
                """.formatted(productCode, productCode.toLowerCase(java.util.Locale.ROOT)));
        return new RuleSetSource(files);
    }

    private static String read(String resource) {
        try (InputStream in = SeedRuleSets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("seed rule file missing from the classpath: " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
