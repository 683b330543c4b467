package cn.ruralcredit.loanfactory.ruletests.oracle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but valid decision requests (API.md, PRODUCTS.md 1.2) for one product, biased toward
 * the thresholds of PRODUCTS.md: values exactly at and one unit either side of each threshold,
 * ages around 18 and the product's maximum, 29 February birthdays, LPR change-over dates,
 * omitted optional fields and money with 0-2 decimals.
 */
public final class RandomApplicants {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 8, 21);
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 12, 31);
    private static final List<LocalDate> LPR_CHANGES = List.of(FIRST_DAY, LocalDate.of(2024, 7, 22),
            LocalDate.of(2024, 10, 21), LocalDate.of(2025, 5, 20));
    private static final List<String> SEGMENTS = List.of("FARMER", "AGRI_ENTITY", "MERCHANT", "SMALL_ENTERPRISE",
            "SALARIED_PUBLIC", "SALARIED_SOE", "RESIDENT", "MIGRANT_WORKER", "NEW_CITIZEN");
    private static final List<String> RANKS = List.of("NONE", "STAFF", "DEPUTY_SECTION", "SECTION",
            "DEPUTY_DIVISION", "DIVISION_OR_ABOVE");
    private static final List<String> RATINGS = List.of("NONE", "POOR", "AVERAGE", "GOOD");
    private static final List<String> PURPOSES = List.of("PRODUCTION", "BUSINESS", "CONSUMPTION", "HOUSING",
            "EDUCATION", "OTHER");
    private static final List<String> GUARANTEES = List.of("GUARANTOR", "GUARANTOR_PUBLIC_SERVANT",
            "MORTGAGE_PROPERTY", "GUARANTEE_COMPANY");
    private static final List<String> AREAS = List.of("150422", "110101", "510104", "440305", "130102", "620102");
    private static final List<String> NAMES = List.of("张三", "李四", "王五", "赵六", "巴特尔", "乌云其其格",
            "欧阳明", "陈", "Li Lei", "马·阿里木");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final BigDecimal ONE_CENT = new BigDecimal("0.01");

    private final Random rnd;
    private final String product;
    private final SpecOracle.Product params;
    private int serial;

    private RandomApplicants(String product, long seed) {
        this.product = product;
        this.params = SpecOracle.product(product);
        this.rnd = new Random(seed * 31 + product.hashCode());
    }

    /** {@code count} valid requests for {@code productCode}, reproducible from {@code seed}. */
    public static List<ObjectNode> generate(String productCode, long seed, int count) {
        RandomApplicants g = new RandomApplicants(productCode, seed);
        List<ObjectNode> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(g.next());
        }
        return out;
    }

    /** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
    public static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    // ---------------------------------------------------------------------------------------

    private ObjectNode next() {
        serial++;
        ObjectNode req = NODES.objectNode();
        req.put("requestId", "oracle-" + product.toLowerCase() + "-" + serial);
        req.put("productCode", product);
        LocalDate asOf = asOfDate();
        LocalDate birth = birthDate(asOf);
        if (birth.isAfter(asOf)) {
            birth = asOf;
        }
        if (chance(0.08)) { // 29 February birthdays around 28 Feb / 1 Mar
            LocalDate[] pair = leapBirthday();
            birth = pair[0];
            asOf = pair[1];
        }
        req.put("asOfDate", asOf.toString());
        if (chance(0.3)) {
            req.put("channel", pick("MOBILE_APP", "COUNTER", "WECHAT", "BATCH"));
        }
        ObjectNode a = req.putObject("applicant");
        a.put("idNumber", idNumber(birth));
        a.put("name", pick(NAMES));
        if (chance(0.6)) {
            a.put("phone", "1" + digits(10));
        }
        a.put("segment", chance(0.88) ? pick(params.segments().stream().sorted().toList()) : pick(SEGMENTS));
        fillNoise(a);
        switch (product) {
            case "FUNONG" -> funong(a);
            case "FUSHANG" -> fushang(a);
            case "FUXIN" -> fuxin(a);
            case "FUMIN" -> fumin(a);
            case "XIANGQING" -> xiangqing(a);
            case "XSM_CHUANGYE" -> xsm(a);
            default -> throw new IllegalArgumentException(product);
        }
        common(a);
        ObjectNode app = req.putObject("application");
        BigDecimal requested = requestedAmount(a);
        if (requested != null) {
            app.put("requestedAmount", requested);
        }
        app.put("termMonths", pickInt(1, 6, 12, 24, 36, 60, 1 + rnd.nextInt(60)));
        String purpose = "XSM_CHUANGYE".equals(product) && chance(0.85) ? "BUSINESS" : pick(PURPOSES);
        if (!chance("XSM_CHUANGYE".equals(product) ? 0.04 : 0.1)) {
            app.put("purpose", purpose);
        }
        if (!chance(0.15)) {
            ArrayNode offered = app.putArray("offeredGuarantees");
            for (String t : GUARANTEES) {
                if (chance(0.3)) {
                    offered.add(t);
                }
            }
        }
        extremes(a, app);
        omitSome(a);
        return req;
    }

    // ---------------------------------------------------------------------------------------
    // Dates and identity
    // ---------------------------------------------------------------------------------------

    private LocalDate asOfDate() {
        if (chance(0.25)) {
            LocalDate d = pick(LPR_CHANGES).plusDays(rnd.nextInt(3) - 1);
            return d.isBefore(FIRST_DAY) ? FIRST_DAY : d;
        }
        long span = ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY);
        return FIRST_DAY.plusDays((long) (rnd.nextDouble() * (span + 1)));
    }

    private LocalDate birthDate(LocalDate asOf) {
        double r = rnd.nextDouble();
        int max = params.maxAge();
        if (r < 0.2) { // around the 18th birthday
            return asOf.minusYears(18).plusDays(rnd.nextInt(3) - 1);
        }
        if (r < 0.4) { // around the birthday that takes the age past the maximum, or reaches it
            int years = chance(0.6) ? max + 1 : max;
            return asOf.minusYears(years).plusDays(rnd.nextInt(3) - 1);
        }
        if (r < 0.45) { // clearly too young or too old
            int years = chance(0.5) ? rnd.nextInt(18) : max + 1 + rnd.nextInt(25);
            return asOf.minusYears(years).minusDays(rnd.nextInt(365));
        }
        return asOf.minusYears(18 + rnd.nextInt(max - 18 + 1)).minusDays(rnd.nextInt(365));
    }

    /** A 29 February birth date and an as-of date on 28 Feb / 29 Feb / 1 Mar near an age boundary. */
    private LocalDate[] leapBirthday() {
        int year = 2024 + rnd.nextInt(3); // 2024-2026, after the first LPR entry for Feb/Mar
        List<LocalDate> days = new ArrayList<>(List.of(LocalDate.of(year, 2, 28), LocalDate.of(year, 3, 1)));
        if (Year.isLeap(year)) {
            days.add(LocalDate.of(year, 2, 29));
        }
        LocalDate asOf = pick(days);
        int targetAge = pickInt(17, 18, 19, params.maxAge(), params.maxAge() + 1, 30 + rnd.nextInt(20));
        int birthYear = year - targetAge;
        while (!Year.isLeap(birthYear)) {
            birthYear += chance(0.5) ? 1 : -1;
        }
        return new LocalDate[]{LocalDate.of(birthYear, 2, 29), asOf};
    }

    private String idNumber(LocalDate birth) {
        String first17 = pick(AREAS) + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + digits(3);
        return first17 + checkChar(first17);
    }

    // ---------------------------------------------------------------------------------------
    // Fields
    // ---------------------------------------------------------------------------------------

    /** Every field gets some value, so that fields no rule of this product reads vary too. */
    private void fillNoise(ObjectNode a) {
        BigDecimal income = money(0, 400_000);
        a.put("annualIncome", income);
        a.put("annualExpenses", money(0, 200_000));
        BigDecimal liabilities = money(0, 500_000);
        a.put("totalAssets", liabilities.add(money(0, 1_000_000)));
        a.put("totalLiabilities", liabilities);
        a.put("annualRevenue", chance(0.3) ? BigDecimal.ZERO : money(0, 5_000_000));
        a.put("avgDepositBalance12m", money(0, 300_000));
        a.put("eBankingProducts", rnd.nextInt(6));
        a.put("salaryPaidByUs", rnd.nextBoolean());
        a.put("adminRank", pick(RANKS));
        a.put("businessYears", rnd.nextInt(30));
        a.put("socialSecurityMonths", rnd.nextInt(120));
        a.put("workingAwayYears", rnd.nextInt(25));
        a.put("inMigrantDatabase", rnd.nextBoolean());
        a.put("relationshipMonths", rnd.nextInt(60));
        a.put("offlineVerified", rnd.nextBoolean());
        ObjectNode hukou = a.putObject("hukou");
        hukou.put("local", rnd.nextBoolean());
        hukou.put("localSinceYears", rnd.nextInt(50));
        a.put("committeeRating", pick(RATINGS));
    }

    /** Blacklist, credit history: mostly clean, sometimes at the 30 / 90 day thresholds. */
    private void common(ObjectNode a) {
        a.put("blacklisted", chance(0.04));
        ObjectNode h = a.putObject("creditHistory");
        int count = pickInt(0, 0, 0, 0, 1, 2, 3, rnd.nextInt(10));
        h.put("overdueCount24m", count);
        int days = count == 0 && chance(0.8) ? 0 : pickInt(0, 1, 29, 30, 31, 60, 89, 90, 90, 91, 92, rnd.nextInt(200));
        h.put("maxOverdueDays24m", days);
        h.put("currentOverdue", chance(0.04));
    }

    private void funong(ObjectNode a) {
        net(a, "annualIncome", "annualExpenses", boundary(100_000, 50_000, 20_000), 300_000);
        net(a, "totalAssets", "totalLiabilities", boundary(500_000, 200_000, 50_000), 900_000);
        a.put("avgDepositBalance12m", boundaryOrRandom(0.7, 80_000, 50_000, 10_000));
        a.put("committeeRating", chance(0.08) ? "POOR" : pick("GOOD", "GOOD", "AVERAGE", "NONE"));
        if ("AGRI_ENTITY".equals(a.path("segment").asText()) || chance(0.3)) {
            a.put("annualRevenue", boundaryOrRandom(0.7, 5_000_000, 3_000_000, 1_000_000));
        }
    }

    private void fushang(ObjectNode a) {
        double r = rnd.nextDouble();
        BigDecimal revenue;
        if (r < 0.3) { // tier thresholds
            revenue = boundary(500_000, 2_000_000);
        } else if (r < 0.7) { // revenue whose 30 % sits on a cap threshold
            BigDecimal cap = new BigDecimal(pickInt(50_000, 300_000, 500_000, 1_000_000));
            revenue = cap.divide(new BigDecimal("0.3"), 2, pick(RoundingMode.UP, RoundingMode.DOWN))
                    .add(ONE_CENT.multiply(new BigDecimal(rnd.nextInt(3) - 1)));
        } else {
            revenue = money(0, 5_000_000);
        }
        a.put("annualRevenue", revenue.max(BigDecimal.ZERO));
        a.put("businessYears", pickInt(0, 1, 1, 2, 3, rnd.nextInt(30)));
        a.put("avgDepositBalance12m", boundaryOrRandom(0.7, 200_000, 50_000));
        a.put("eBankingProducts", pickInt(0, 1, 2, 3, 4, rnd.nextInt(12)));
    }

    private void fuxin(ObjectNode a) {
        a.put("adminRank", pick(RANKS));
        a.put("salaryPaidByUs", rnd.nextBoolean());
    }

    private void fumin(ObjectNode a) {
        double r = rnd.nextDouble();
        BigDecimal cap = r < 0.7 ? boundary(10_000, 100_000, 300_000, 500_000, 1_000_000)
                : money(0, 1_500_000);
        // cap = 0.5 * NA + 2 * NI with NA, NI >= 0, both with at most 2 decimals
        BigDecimal ni = cap.multiply(BigDecimal.valueOf(rnd.nextDouble() * 0.5)).setScale(pickInt(0, 2), RoundingMode.DOWN);
        BigDecimal na = cap.subtract(ni.multiply(BigDecimal.valueOf(2))).multiply(BigDecimal.valueOf(2));
        if (chance(0.08)) { // negative net income
            ni = money(1, 50_000).negate();
            na = cap.multiply(BigDecimal.valueOf(2));
        } else if (chance(0.08)) { // negative net assets
            na = money(1, 200_000).negate();
            ni = cap.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
        }
        BigDecimal expenses = money(0, 150_000);
        a.put("annualExpenses", expenses);
        a.put("annualIncome", expenses.add(ni).max(BigDecimal.ZERO));
        if (ni.signum() < 0 && expenses.add(ni).signum() < 0) {
            a.put("annualExpenses", ni.negate());
            a.put("annualIncome", BigDecimal.ZERO);
        }
        BigDecimal assets;
        BigDecimal liabilities;
        double lev = rnd.nextDouble();
        if (na.signum() < 0) {
            assets = chance(0.3) ? BigDecimal.ZERO : money(0, 100_000);
            liabilities = assets.subtract(na);
        } else if (lev < 0.25) { // liabilities right at 70 % of assets; net assets follow
            assets = new BigDecimal(10 * (1 + rnd.nextInt(200_000)));
            liabilities = assets.multiply(new BigDecimal("0.7"))
                    .add(pick(ONE_CENT.negate(), BigDecimal.ZERO, ONE_CENT, BigDecimal.ONE, BigDecimal.ONE.negate()))
                    .max(BigDecimal.ZERO);
        } else if (lev < 0.35) { // far too leveraged
            liabilities = na.multiply(new BigDecimal("3")).add(BigDecimal.TEN);
            assets = liabilities.add(na);
        } else { // keep liabilities <= 70 % of assets: L <= 7/3 * NA
            liabilities = na.multiply(BigDecimal.valueOf(rnd.nextDouble() * 2.3)).setScale(2, RoundingMode.DOWN);
            assets = liabilities.add(na);
        }
        a.put("totalAssets", assets);
        a.put("totalLiabilities", liabilities);
        a.put("avgDepositBalance12m", boundaryOrRandom(0.7, 200_000, 50_000));
        a.put("eBankingProducts", pickInt(0, 1, 2, 3, 4, rnd.nextInt(12)));
    }

    private void xiangqing(ObjectNode a) {
        a.put("inMigrantDatabase", chance(0.9));
        a.put("socialSecurityMonths", around(24, 12, 6, 0, rnd.nextInt(100)));
        a.put("workingAwayYears", around(5, 3, 1, 1, 0, rnd.nextInt(20)));
        a.put("avgDepositBalance12m", boundaryOrRandom(0.7, 30_000, 5_000));
    }

    private void xsm(ObjectNode a) {
        a.put("relationshipMonths", around(12, 12, 0, rnd.nextInt(60)));
        a.put("offlineVerified", chance(0.75));
        BigDecimal capTarget = boundary(10_000, 50_000, 200_000, 200_000, 300_000, 300_000, 500_000);
        a.put("annualIncome", chance(0.75) ? capTarget.multiply(BigDecimal.valueOf(2)) : money(0, 1_200_000));
        ObjectNode hukou = a.putObject("hukou");
        hukou.put("local", chance(0.35));
        hukou.put("localSinceYears", around(3, 3, 0, rnd.nextInt(40)));
    }

    private BigDecimal requestedAmount(ObjectNode a) {
        double r = rnd.nextDouble();
        if (r < 0.3) {
            return null;
        }
        if (r < 0.4) { // small, often below the minimum line
            return money(1, 60_000);
        }
        if (r < 0.5) {
            return money(1, 2_000_000);
        }
        if (r < 0.6 && "FUSHANG".equals(product)) { // around 30 % of revenue
            BigDecimal cap = a.path("annualRevenue").decimalValue().multiply(new BigDecimal("0.3"))
                    .setScale(2, RoundingMode.HALF_UP).add(ONE_CENT.multiply(new BigDecimal(rnd.nextInt(3) - 1)));
            return cap.signum() > 0 ? cap : BigDecimal.ONE;
        }
        if (r < 0.6 && ("FUMIN".equals(product) || "XSM_CHUANGYE".equals(product))) { // requested near computed cap
            BigDecimal income = a.path("annualIncome").decimalValue();
            BigDecimal base = "XSM_CHUANGYE".equals(product) ? income.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN)
                    : income.subtract(a.path("annualExpenses").decimalValue()).max(BigDecimal.ZERO)
                    .multiply(BigDecimal.valueOf(2)).add(a.path("totalAssets").decimalValue()
                            .subtract(a.path("totalLiabilities").decimalValue()).max(BigDecimal.ZERO)
                            .divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN));
            BigDecimal v = base.add(pick(ONE_CENT.negate(), BigDecimal.ZERO, ONE_CENT, BigDecimal.ONE.negate()));
            return v.signum() > 0 ? v : BigDecimal.ONE;
        }
        BigDecimal v = boundary(thresholds());
        return v.signum() > 0 ? v : BigDecimal.ONE;
    }

    /** Amount thresholds of the product: caps, band tops, minimum line, branch authority. */
    private long[] thresholds() {
        return switch (product) {
            case "FUNONG" -> new long[]{1_000_000, 500_000, 100_000, 80_000, 60_000, 40_000, 10_000, 300_000};
            case "FUSHANG" -> new long[]{1_000_000, 500_000, 300_000, 50_000};
            case "FUXIN" -> new long[]{700_000, 500_000, 300_000, 200_000, 100_000, 10_000};
            case "FUMIN" -> new long[]{1_000_000, 500_000, 300_000, 100_000, 10_000};
            case "XIANGQING" -> new long[]{300_000, 200_000, 100_000, 30_000, 10_000};
            case "XSM_CHUANGYE" -> new long[]{500_000, 300_000, 200_000, 50_000, 10_000};
            default -> throw new IllegalArgumentException(product);
        };
    }

    /** Now and then a field at the edge of what validation accepts (PRODUCTS.md 1.2). */
    private void extremes(ObjectNode a, ObjectNode app) {
        BigDecimal maxMoney = new BigDecimal("10000000000");
        for (String f : List.of("annualIncome", "annualExpenses", "totalAssets", "totalLiabilities", "annualRevenue",
                "avgDepositBalance12m")) {
            if (chance(0.015)) {
                a.put(f, pick(maxMoney, maxMoney.subtract(ONE_CENT), BigDecimal.ZERO, ONE_CENT));
            }
        }
        for (String f : List.of("eBankingProducts", "businessYears", "socialSecurityMonths", "workingAwayYears",
                "relationshipMonths")) {
            if (chance(0.015)) {
                a.put(f, pickInt(0, 1200));
            }
        }
        if (chance(0.015)) {
            ((ObjectNode) a.get("creditHistory")).put("overdueCount24m", 1200);
        }
        if (chance(0.015)) {
            ((ObjectNode) a.get("hukou")).put("localSinceYears", 1200);
        }
        if (chance(0.02)) {
            app.put("requestedAmount", pick(maxMoney, ONE_CENT, new BigDecimal("999.99"), new BigDecimal("1000")));
        }
    }

    /** Optional fields left out now and then (PRODUCTS.md 1.1 defaults then apply). */
    private void omitSome(ObjectNode a) {
        for (String f : List.of("annualIncome", "annualExpenses", "totalAssets", "totalLiabilities", "annualRevenue",
                "avgDepositBalance12m", "eBankingProducts", "salaryPaidByUs", "adminRank", "businessYears",
                "socialSecurityMonths", "workingAwayYears", "inMigrantDatabase", "relationshipMonths",
                "offlineVerified", "hukou", "committeeRating", "blacklisted")) {
            if (chance(0.04)) {
                a.remove(f);
            }
        }
        if (a.has("hukou") && chance(0.05)) {
            ((ObjectNode) a.get("hukou")).remove(pick("local", "localSinceYears"));
        }
        if (chance(0.03)) {
            a.remove("creditHistory");
        } else if (chance(0.1)) {
            ((ObjectNode) a.get("creditHistory")).remove(pick("overdueCount24m", "maxOverdueDays24m", "currentOverdue"));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Value helpers
    // ---------------------------------------------------------------------------------------

    /** A threshold, or 1 yuan / 1 fen either side of it, non-negative. */
    private BigDecimal boundary(long... thresholds) {
        BigDecimal t = new BigDecimal(thresholds[rnd.nextInt(thresholds.length)]);
        BigDecimal delta = pick(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE.negate(),
                ONE_CENT, ONE_CENT.negate());
        BigDecimal v = t.add(delta).max(BigDecimal.ZERO);
        if (v.scale() == 0 && chance(0.2)) {
            v = v.setScale(pickInt(1, 2)); // same value written as 100000.0 / 100000.00
        }
        return v;
    }

    private BigDecimal boundaryOrRandom(double pBoundary, long... thresholds) {
        return chance(pBoundary) ? boundary(thresholds) : money(0, thresholds[0] * 2);
    }

    /** A value around each integer threshold (t - 1, t, t + 1), or a given fallback value. */
    private int around(int... values) {
        int v = values[rnd.nextInt(values.length)];
        return Math.max(0, v + rnd.nextInt(3) - 1);
    }

    /** Net figure {@code plus - minus}: at a threshold or random, sometimes negative. */
    private void net(ObjectNode a, String plus, String minus, BigDecimal target, long randomMax) {
        BigDecimal net = chance(0.7) ? target : money(0, randomMax);
        if (chance(0.05)) {
            net = money(1, 50_000).negate();
        }
        BigDecimal m = money(0, 200_000);
        if (net.signum() < 0 && m.add(net).signum() < 0) {
            m = net.negate();
        }
        a.put(minus, m);
        a.put(plus, m.add(net));
    }

    /** Money in [min, max] with 0, 1 or 2 decimals. */
    private BigDecimal money(long min, long max) {
        long whole = min + (long) (rnd.nextDouble() * (max - min + 1));
        int scale = pickInt(0, 0, 0, 1, 2);
        BigDecimal v = BigDecimal.valueOf(whole);
        if (scale > 0 && whole < max) {
            v = v.add(BigDecimal.valueOf(rnd.nextInt(scale == 1 ? 10 : 100), scale));
        }
        return v;
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[rnd.nextInt(values.length)];
    }

    private int pickInt(int... values) {
        return values[rnd.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }
}
