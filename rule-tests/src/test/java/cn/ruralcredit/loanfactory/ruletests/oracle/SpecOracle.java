package cn.ruralcredit.loanfactory.ruletests.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An independent reference implementation of {@code PRODUCTS.md} (sections 1.1, 1.3, 1.4, 1.5
 * and 2-7), written from the document alone in plain Java: no rule engine, no project code.
 * It answers in the scenario "expected" shape, so it can be compared field by field with the
 * engine's decision.
 */
public final class SpecOracle {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** PRODUCTS.md 1.3: the one-year LPR history, each entry in force from its date inclusive. */
    private static final TreeMap<LocalDate, BigDecimal> LPR = new TreeMap<>(Map.of(
            LocalDate.of(2023, 8, 21), new BigDecimal("3.45"),
            LocalDate.of(2024, 7, 22), new BigDecimal("3.35"),
            LocalDate.of(2024, 10, 21), new BigDecimal("3.10"),
            LocalDate.of(2025, 5, 20), new BigDecimal("3.00")));

    /** 1.5 step 3: strength order of guarantee types, strongest first. */
    static final List<String> STRENGTH = List.of(
            "MORTGAGE_PROPERTY", "GUARANTEE_COMPANY", "GUARANTOR_PUBLIC_SERVANT", "GUARANTOR");

    /** 1.4 / 1.5: the order in which reason codes are listed. */
    static final List<String> REASON_ORDER = List.of(
            "BLACKLISTED", "CURRENT_OVERDUE", "SERIOUS_DELINQUENCY", "AGE_OUT_OF_RANGE", "SEGMENT_NOT_ELIGIBLE",
            "COMMITTEE_NEGATIVE", "BUSINESS_TOO_NEW", "HIGH_LEVERAGE", "NOT_IN_MIGRANT_DATABASE",
            "INSUFFICIENT_WORK_HISTORY", "NOT_NEW_CITIZEN", "PURPOSE_NOT_ELIGIBLE",
            "SCORE_TOO_LOW", "BELOW_MINIMUM_LINE");

    private static final BigDecimal THOUSAND = new BigDecimal("1000");

    private SpecOracle() {
    }

    /** The one-year LPR in force on {@code date} (PRODUCTS.md 1.3), empty before the first entry. */
    public static Optional<BigDecimal> lprOn(LocalDate date) {
        Map.Entry<LocalDate, BigDecimal> e = LPR.floorEntry(date);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** The product codes this oracle knows. */
    public static List<String> productCodes() {
        return List.of("FUNONG", "FUSHANG", "FUXIN", "FUMIN", "XIANGQING", "XSM_CHUANGYE");
    }

    // ---------------------------------------------------------------------------------------
    // Product parameters
    // ---------------------------------------------------------------------------------------

    /** A guarantee band: the limit lies in it when above the previous band's top and at most {@code top}. */
    record Band(BigDecimal top, Set<String> types) {
        boolean satisfiedBy(Set<String> offered) {
            return types.stream().anyMatch(offered::contains);
        }
    }

    /** Fixed parameters of one product. The first band is the no-guarantee band. */
    record Product(String code, Set<String> segments, int validityMonths, BigDecimal minLine,
                   BigDecimal branchAuthority, int maxAge, BigDecimal floorSpread, List<Band> bands) {
    }

    /** A grading result: tier code, cap and base spread (spread may be null when priced elsewhere). */
    record Grade(String tier, BigDecimal cap, BigDecimal spread) {
    }

    static Product product(String code) {
        return switch (code) {
            case "FUNONG" -> new Product(code, Set.of("FARMER", "AGRI_ENTITY"), 36, bd("10000"), bd("300000"), 65,
                    bd("1.00"), List.of(
                    new Band(bd("100000"), Set.of()),
                    new Band(bd("500000"), Set.of("GUARANTOR", "GUARANTOR_PUBLIC_SERVANT", "MORTGAGE_PROPERTY",
                            "GUARANTEE_COMPANY")),
                    new Band(null, Set.of("MORTGAGE_PROPERTY", "GUARANTEE_COMPANY"))));
            case "FUSHANG" -> new Product(code, Set.of("MERCHANT", "SMALL_ENTERPRISE"), 24, bd("50000"), bd("500000"),
                    65, bd("2.50"), List.of(
                    new Band(bd("300000"), Set.of()),
                    new Band(null, Set.of("GUARANTOR", "GUARANTOR_PUBLIC_SERVANT", "GUARANTEE_COMPANY",
                            "MORTGAGE_PROPERTY"))));
            case "FUXIN" -> new Product(code, Set.of("SALARIED_PUBLIC", "SALARIED_SOE"), 36, bd("10000"), bd("500000"),
                    60, bd("1.00"), List.of(
                    new Band(bd("200000"), Set.of()),
                    new Band(null, Set.of("GUARANTOR_PUBLIC_SERVANT", "MORTGAGE_PROPERTY"))));
            case "FUMIN" -> new Product(code, Set.of("RESIDENT"), 36, bd("10000"), bd("500000"), 65, bd("2.80"),
                    List.of(
                            new Band(bd("300000"), Set.of()),
                            new Band(null, Set.of("MORTGAGE_PROPERTY", "GUARANTOR", "GUARANTOR_PUBLIC_SERVANT",
                                    "GUARANTEE_COMPANY"))));
            case "XIANGQING" -> new Product(code, Set.of("MIGRANT_WORKER"), 12, bd("10000"), bd("1000000000"), 60,
                    bd("2.00"), List.of(new Band(null, Set.of())));
            case "XSM_CHUANGYE" -> new Product(code, Set.of("NEW_CITIZEN", "MIGRANT_WORKER"), 36, bd("10000"),
                    bd("300000"), 60, bd("1.50"), List.of(
                    new Band(bd("200000"), Set.of()),
                    new Band(null, Set.of("GUARANTEE_COMPANY", "GUARANTOR", "MORTGAGE_PROPERTY"))));
            default -> throw new IllegalArgumentException("unknown product " + code);
        };
    }

    // ---------------------------------------------------------------------------------------
    // Inputs (1.1): missing numbers are 0, booleans false, enums NONE, purpose OTHER
    // ---------------------------------------------------------------------------------------

    /** Read-only view of a request with the defaults of PRODUCTS.md 1.1. */
    static final class In {
        final JsonNode applicant;
        final JsonNode application;
        final JsonNode history;
        final JsonNode hukou;

        In(JsonNode request) {
            this.applicant = request.path("applicant");
            this.application = request.path("application");
            this.history = applicant.path("creditHistory");
            this.hukou = applicant.path("hukou");
        }

        static boolean present(JsonNode n) {
            return !n.isMissingNode() && !n.isNull();
        }

        static BigDecimal num(JsonNode n) {
            if (!present(n)) {
                return BigDecimal.ZERO;
            }
            return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText());
        }

        static boolean bool(JsonNode n) {
            return present(n) && n.asBoolean();
        }

        static String enumOr(JsonNode n, String dflt) {
            return present(n) ? n.asText() : dflt;
        }

        BigDecimal a(String field) {
            return num(applicant.path(field));
        }

        int ai(String field) {
            return a(field).intValueExact();
        }

        boolean ab(String field) {
            return bool(applicant.path(field));
        }

        String segment() {
            return applicant.path("segment").asText();
        }

        BigDecimal netIncome() {
            return a("annualIncome").subtract(a("annualExpenses"));
        }

        BigDecimal netAssets() {
            return a("totalAssets").subtract(a("totalLiabilities"));
        }

        int overdueCount() {
            return num(history.path("overdueCount24m")).intValueExact();
        }

        int maxOverdueDays() {
            return num(history.path("maxOverdueDays24m")).intValueExact();
        }

        boolean currentOverdue() {
            return bool(history.path("currentOverdue"));
        }

        Optional<BigDecimal> requestedAmount() {
            JsonNode n = application.path("requestedAmount");
            return present(n) ? Optional.of(num(n)) : Optional.empty();
        }

        Set<String> offered() {
            Set<String> s = new LinkedHashSet<>();
            for (JsonNode g : application.path("offeredGuarantees")) {
                s.add(g.asText());
            }
            return s;
        }
    }

    // ---------------------------------------------------------------------------------------
    // The evaluation
    // ---------------------------------------------------------------------------------------

    /** Age in completed years (1.3); a 29 February birthday falls on 1 March in common years. */
    public static int age(LocalDate birth, LocalDate asOf) {
        int years = asOf.getYear() - birth.getYear();
        int bm = birth.getMonthValue();
        int bday = birth.getDayOfMonth();
        if (bm == 2 && bday == 29 && !Year.isLeap(asOf.getYear())) {
            bm = 3;
            bday = 1;
        }
        int m = asOf.getMonthValue();
        if (m < bm || (m == bm && asOf.getDayOfMonth() < bday)) {
            years--;
        }
        return years;
    }

    static LocalDate birthDate(String idNumber) {
        return LocalDate.parse(idNumber.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
    }

    /**
     * The decision PRODUCTS.md prescribes for {@code request} (which must be valid and carry
     * {@code asOfDate}), in the scenario "expected" shape.
     */
    public static ObjectNode expected(JsonNode request, BigDecimal lprPct) {
        Product p = product(request.path("productCode").asText());
        In in = new In(request);
        LocalDate asOf = LocalDate.parse(request.path("asOfDate").asText());

        // Stage A (1.4): every rule is checked, all that apply are reported.
        Set<String> declines = new LinkedHashSet<>();
        if (in.ab("blacklisted")) {
            declines.add("BLACKLISTED");
        }
        if (in.currentOverdue()) {
            declines.add("CURRENT_OVERDUE");
        }
        if (in.maxOverdueDays() > 90) {
            declines.add("SERIOUS_DELINQUENCY");
        }
        int age = age(birthDate(in.applicant.path("idNumber").asText()), asOf);
        if (age < 18 || age > p.maxAge()) {
            declines.add("AGE_OUT_OF_RANGE");
        }
        if (!p.segments().contains(in.segment())) {
            declines.add("SEGMENT_NOT_ELIGIBLE");
        }
        declines.addAll(extraDeclines(p, in));
        if (!declines.isEmpty()) {
            return declined(p, lprPct, ordered(declines));
        }

        // Stage B 1: tier and cap.
        Grade grade = grade(p, in);
        if (grade == null) {
            return declined(p, lprPct, List.of("SCORE_TOO_LOW"));
        }
        List<String> reasons = new ArrayList<>();

        // Stage B 2: limit from cap and request, rounded down to a multiple of 1,000.
        BigDecimal cap = grade.cap();
        Optional<BigDecimal> requested = in.requestedAmount();
        BigDecimal limit = requested.map(r -> r.min(cap)).orElse(cap);
        limit = limit.divide(THOUSAND, 0, RoundingMode.FLOOR).multiply(THOUSAND);
        if (requested.isPresent() && requested.get().compareTo(cap) < 0) {
            reasons.add("LIMIT_CAPPED_BY_REQUEST");
        }

        // Stage B 3: guarantee.
        Set<String> offered = in.offered();
        List<Band> bands = p.bands();
        int band = bandOf(bands, limit);
        if (band > 0 && !bands.get(band).satisfiedBy(offered)) {
            for (int j = band - 1; j >= 0; j--) {
                if (j == 0 || bands.get(j).satisfiedBy(offered)) {
                    limit = bands.get(j).top();
                    break;
                }
            }
            reasons.add("LIMIT_CAPPED_BY_GUARANTEE");
            band = bandOf(bands, limit);
        }
        boolean required = band > 0;
        Set<String> acceptable = required ? bands.get(band).types() : Set.of();
        String securedBy = null;
        for (String type : STRENGTH) {
            if (offered.contains(type) && bands.stream().anyMatch(b -> b.types().contains(type))) {
                securedBy = type;
                break;
            }
        }

        // Stage B 4: price.
        BigDecimal spread = spread(p, in, grade, securedBy);
        if (spread.compareTo(p.floorSpread()) < 0) {
            spread = p.floorSpread();
            reasons.add("RATE_FLOOR_APPLIED");
        }
        BigDecimal rate = lprPct.add(spread).setScale(2, RoundingMode.HALF_UP);

        // Stage B 5: minimum line.
        if (limit.compareTo(p.minLine()) < 0) {
            return declined(p, lprPct, List.of("BELOW_MINIMUM_LINE"));
        }

        // Stage B 6: approval.
        boolean referred = limit.compareTo(p.branchAuthority()) > 0;
        ObjectNode out = NODES.objectNode();
        out.put("outcome", referred ? "REFERRED" : "APPROVED");
        out.put("tier", grade.tier());
        out.put("creditLimit", limit);
        out.put("annualRatePct", rate);
        ObjectNode g = out.putObject("guarantee");
        g.put("required", required);
        ArrayNode types = g.putArray("acceptableTypes");
        STRENGTH.stream().filter(acceptable::contains).forEach(types::add);
        if (securedBy == null) {
            g.putNull("securedBy");
        } else {
            g.put("securedBy", securedBy);
        }
        out.put("approvalLevel", referred ? "UNION_COMMITTEE" : "BRANCH");
        ArrayNode rs = out.putArray("reasons");
        reasons.forEach(rs::add);
        out.put("validityMonths", p.validityMonths());
        out.put("lprPct", lprPct);
        return out;
    }

    private static int bandOf(List<Band> bands, BigDecimal limit) {
        for (int i = 0; i < bands.size(); i++) {
            BigDecimal top = bands.get(i).top();
            if (top == null || limit.compareTo(top) <= 0) {
                return i;
            }
        }
        throw new IllegalStateException("the last band is unbounded");
    }

    private static List<String> ordered(Set<String> codes) {
        return REASON_ORDER.stream().filter(codes::contains).toList();
    }

    private static ObjectNode declined(Product p, BigDecimal lprPct, List<String> reasons) {
        ObjectNode out = NODES.objectNode();
        out.put("outcome", "DECLINED");
        out.putNull("tier");
        out.put("creditLimit", BigDecimal.ZERO);
        out.putNull("annualRatePct");
        ObjectNode g = out.putObject("guarantee");
        g.put("required", false);
        g.putArray("acceptableTypes");
        g.putNull("securedBy");
        out.putNull("approvalLevel");
        ArrayNode rs = out.putArray("reasons");
        reasons.forEach(rs::add);
        out.put("validityMonths", p.validityMonths());
        out.put("lprPct", lprPct);
        return out;
    }

    // ---------------------------------------------------------------------------------------
    // Product rules (2-7)
    // ---------------------------------------------------------------------------------------

    private static List<String> extraDeclines(Product p, In in) {
        List<String> out = new ArrayList<>();
        switch (p.code()) {
            case "FUNONG" -> {
                if ("POOR".equals(In.enumOr(in.applicant.path("committeeRating"), "NONE"))) {
                    out.add("COMMITTEE_NEGATIVE");
                }
            }
            case "FUSHANG" -> {
                if (in.ai("businessYears") < 1) {
                    out.add("BUSINESS_TOO_NEW");
                }
            }
            case "FUMIN" -> {
                BigDecimal assets = in.a("totalAssets");
                if (assets.signum() > 0 && in.a("totalLiabilities").compareTo(bd("0.70").multiply(assets)) > 0) {
                    out.add("HIGH_LEVERAGE");
                }
            }
            case "XIANGQING" -> {
                if (!in.ab("inMigrantDatabase")) {
                    out.add("NOT_IN_MIGRANT_DATABASE");
                }
                if (in.ai("workingAwayYears") < 1) {
                    out.add("INSUFFICIENT_WORK_HISTORY");
                }
            }
            case "XSM_CHUANGYE" -> {
                if (In.bool(in.hukou.path("local")) && In.num(in.hukou.path("localSinceYears")).intValueExact() >= 3) {
                    out.add("NOT_NEW_CITIZEN");
                }
                if (!"BUSINESS".equals(In.enumOr(in.application.path("purpose"), "OTHER"))) {
                    out.add("PURPOSE_NOT_ELIGIBLE");
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** The grade, or null for a grading decline ({@code SCORE_TOO_LOW}). */
    private static Grade grade(Product p, In in) {
        switch (p.code()) {
            case "FUNONG": {
                int score = funongScore(in);
                boolean entity = "AGRI_ENTITY".equals(in.segment());
                BigDecimal revenue = in.a("annualRevenue");
                if (entity && score >= 80 && revenue.compareTo(bd("3000000")) >= 0) {
                    return new Grade("DIAMOND", bd("1000000"), bd("1.60"));
                }
                if (entity && score >= 65 && revenue.compareTo(bd("1000000")) >= 0) {
                    return new Grade("GOLD", bd("500000"), bd("1.90"));
                }
                if (score >= 80) {
                    return new Grade("G4", bd("100000"), bd("2.20"));
                }
                if (score >= 65) {
                    return new Grade("G3", bd("80000"), bd("2.80"));
                }
                if (score >= 50) {
                    return new Grade("G2", bd("60000"), bd("3.50"));
                }
                if (score >= 35) {
                    return new Grade("G1", bd("40000"), bd("4.20"));
                }
                return null;
            }
            case "FUSHANG": {
                BigDecimal revenue = in.a("annualRevenue");
                BigDecimal cap = bd("1000000").min(bd("0.30").multiply(revenue));
                String tier = revenue.compareTo(bd("500000")) < 0 ? "S1"
                        : revenue.compareTo(bd("2000000")) < 0 ? "S2" : "S3";
                return new Grade(tier, cap, bd("4.00"));
            }
            case "FUXIN": {
                if ("SALARIED_SOE".equals(in.segment())) {
                    return new Grade("R0", bd("100000"), null);
                }
                return switch (In.enumOr(in.applicant.path("adminRank"), "NONE")) {
                    case "NONE", "STAFF" -> new Grade("R1", bd("100000"), null);
                    case "DEPUTY_SECTION" -> new Grade("R2", bd("200000"), null);
                    case "SECTION" -> new Grade("R3", bd("300000"), null);
                    case "DEPUTY_DIVISION" -> new Grade("R4", bd("500000"), null);
                    case "DIVISION_OR_ABOVE" -> new Grade("R5", bd("700000"), null);
                    default -> throw new IllegalArgumentException("adminRank " + in.applicant.path("adminRank"));
                };
            }
            case "FUMIN": {
                BigDecimal raw = bd("0.5").multiply(in.netAssets().max(BigDecimal.ZERO))
                        .add(bd("2").multiply(in.netIncome().max(BigDecimal.ZERO)));
                BigDecimal cap = bd("1000000").min(raw);
                String tier = cap.compareTo(bd("100000")) <= 0 ? "M1"
                        : cap.compareTo(bd("300000")) <= 0 ? "M2" : "M3";
                return new Grade(tier, cap, bd("3.50"));
            }
            case "XIANGQING": {
                int score = xiangqingScore(in);
                if (score >= 80) {
                    return new Grade("X3", bd("300000"), bd("2.85"));
                }
                if (score >= 60) {
                    return new Grade("X2", bd("200000"), bd("3.45"));
                }
                if (score >= 40) {
                    return new Grade("X1", bd("100000"), bd("4.45"));
                }
                if (score >= 20) {
                    return new Grade("X0", bd("30000"), bd("5.45"));
                }
                return null;
            }
            case "XSM_CHUANGYE": {
                boolean verified = in.ab("offlineVerified");
                Grade stage;
                if (in.ai("relationshipMonths") >= 12 && in.overdueCount() == 0 && verified) {
                    stage = new Grade("STAGE3", bd("500000"), bd("2.60"));
                } else if (verified) {
                    stage = new Grade("STAGE2", bd("200000"), bd("3.20"));
                } else {
                    stage = new Grade("STAGE1", bd("50000"), bd("4.00"));
                }
                BigDecimal cap = stage.cap().min(bd("0.5").multiply(in.a("annualIncome")));
                return new Grade(stage.tier(), cap, stage.spread());
            }
            default:
                throw new IllegalArgumentException(p.code());
        }
    }

    static int funongScore(In in) {
        int score = 0;
        BigDecimal net = in.netIncome();
        score += ge(net, "100000") ? 30 : ge(net, "50000") ? 20 : ge(net, "20000") ? 10 : 0;
        BigDecimal assets = in.netAssets();
        score += ge(assets, "500000") ? 25 : ge(assets, "200000") ? 15 : ge(assets, "50000") ? 8 : 0;
        int count = in.overdueCount();
        if (count == 0) {
            score += 20;
        } else if (count <= 2 && in.maxOverdueDays() <= 30) {
            score += 10;
        }
        BigDecimal deposit = in.a("avgDepositBalance12m");
        score += ge(deposit, "50000") ? 15 : ge(deposit, "10000") ? 8 : 0;
        score += switch (In.enumOr(in.applicant.path("committeeRating"), "NONE")) {
            case "GOOD" -> 10;
            case "AVERAGE" -> 5;
            default -> 0;
        };
        return score;
    }

    static int xiangqingScore(In in) {
        int score = 0;
        int ss = in.ai("socialSecurityMonths");
        score += ss >= 24 ? 40 : ss >= 12 ? 25 : ss >= 6 ? 10 : 0;
        int away = in.ai("workingAwayYears");
        score += away >= 5 ? 20 : away >= 3 ? 12 : 5;
        BigDecimal deposit = in.a("avgDepositBalance12m");
        score += ge(deposit, "30000") ? 20 : ge(deposit, "5000") ? 10 : 0;
        score += in.overdueCount() == 0 ? 20 : 0;
        return score;
    }

    private static BigDecimal spread(Product p, In in, Grade grade, String securedBy) {
        switch (p.code()) {
            case "FUSHANG": {
                BigDecimal s = grade.spread();
                if ("MORTGAGE_PROPERTY".equals(securedBy)) {
                    s = s.subtract(bd("1.00"));
                } else if (securedBy != null) {
                    s = s.subtract(bd("0.50")); // GUARANTEE_COMPANY, GUARANTOR, GUARANTOR_PUBLIC_SERVANT
                }
                BigDecimal deposit = in.a("avgDepositBalance12m");
                if (ge(deposit, "200000")) {
                    s = s.subtract(bd("0.50"));
                } else if (ge(deposit, "50000")) {
                    s = s.subtract(bd("0.25"));
                }
                int eb = in.ai("eBankingProducts");
                if (eb >= 3) {
                    s = s.subtract(bd("0.20"));
                } else if (eb >= 1) {
                    s = s.subtract(bd("0.10"));
                }
                return s;
            }
            case "FUXIN":
                return in.ab("salaryPaidByUs") ? bd("1.50") : bd("2.50");
            case "FUMIN": {
                BigDecimal s = grade.spread();
                BigDecimal deposit = in.a("avgDepositBalance12m");
                if (ge(deposit, "200000")) {
                    s = s.subtract(bd("0.60"));
                } else if (ge(deposit, "50000")) {
                    s = s.subtract(bd("0.30"));
                }
                int eb = in.ai("eBankingProducts");
                if (eb >= 3) {
                    s = s.subtract(bd("0.30"));
                } else if (eb >= 1) {
                    s = s.subtract(bd("0.15"));
                }
                return s;
            }
            default:
                return grade.spread();
        }
    }

    private static boolean ge(BigDecimal v, String threshold) {
        return v.compareTo(new BigDecimal(threshold)) >= 0;
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }
}
