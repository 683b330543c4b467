package cn.ruralcredit.loanfactory.rules.request;

import cn.ruralcredit.loanfactory.rules.model.AdminRank;
import cn.ruralcredit.loanfactory.rules.model.CommitteeRating;
import cn.ruralcredit.loanfactory.rules.model.GuaranteeType;
import cn.ruralcredit.loanfactory.rules.model.Purpose;
import cn.ruralcredit.loanfactory.rules.model.Segment;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and validates a decision request from its JSON tree (API.md, PRODUCTS.md 1.2). Every bad
 * field is reported, each under its JSON path, so a channel app can fix them all at once. Unknown
 * fields are ignored; a known field of the wrong JSON type is an error.
 */
public final class DecisionRequestReader {
    static final BigDecimal MAX_MONEY = new BigDecimal("10000000000");
    private static final int MAX_COUNT = 1200;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern PHONE = Pattern.compile("1\\d{10}");

    private final List<FieldError> errors = new ArrayList<>();
    private final LocalDate defaultAsOfDate;
    private final boolean forOneProduct;

    private DecisionRequestReader(LocalDate defaultAsOfDate, boolean forOneProduct) {
        this.defaultAsOfDate = defaultAsOfDate;
        this.forOneProduct = forOneProduct;
    }

    /**
     * Validates {@code root}. {@code defaultAsOfDate} is the date the request is evaluated for when
     * it names none (the ID number's birth date must not be after it); the returned request keeps
     * {@code asOfDate} as sent (null when absent).
     *
     * @throws InvalidRequestException naming every invalid field
     */
    public static DecisionRequest read(JsonNode root, LocalDate defaultAsOfDate) {
        return read(root, defaultAsOfDate, true);
    }

    /**
     * Validates a product-matching request (API.md {@code POST /api/v1/offers}): the decision
     * request without {@code productCode} (ignored when sent) and with {@code requestId} optional.
     */
    public static DecisionRequest readForAllProducts(JsonNode root, LocalDate defaultAsOfDate) {
        return read(root, defaultAsOfDate, false);
    }

    private static DecisionRequest read(JsonNode root, LocalDate defaultAsOfDate, boolean forOneProduct) {
        DecisionRequestReader reader = new DecisionRequestReader(defaultAsOfDate, forOneProduct);
        DecisionRequest request = reader.readRequest(root);
        if (!reader.errors.isEmpty()) throw new InvalidRequestException(reader.errors);
        return request;
    }

    private DecisionRequest readRequest(JsonNode root) {
        if (root == null || !root.isObject()) {
            errors.add(new FieldError("$", "the request body must be a JSON object"));
            return null;
        }
        String requestId = text(root, "requestId", "requestId", forOneProduct);
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            error("requestId", "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        String productCode = forOneProduct ? text(root, "productCode", "productCode", true) : null;
        if (productCode != null && productCode.isBlank()) error("productCode", "must not be blank");
        LocalDate asOfDate = date(root, "asOfDate");
        String channel = text(root, "channel", "channel", false);
        if (channel != null && channel.codePointCount(0, channel.length()) > 32) {
            error("channel", "must be at most 32 characters");
        }
        LocalDate evaluatedOn = asOfDate != null ? asOfDate : defaultAsOfDate;
        ApplicantData applicant = applicant(object(root, "applicant", "applicant", true), evaluatedOn);
        ApplicationData application = application(object(root, "application", "application", true));
        return new DecisionRequest(requestId, productCode, asOfDate, channel, applicant, application);
    }

    private ApplicantData applicant(JsonNode a, LocalDate evaluatedOn) {
        if (a == null) return null;
        String p = "applicant.";
        String idNumber = text(a, "idNumber", p + "idNumber", true);
        if (idNumber != null) validateIdNumber(idNumber, evaluatedOn);
        String name = text(a, "name", p + "name", true);
        if (name != null) {
            int length = name.strip().codePointCount(0, name.strip().length());
            if (length < 1 || length > 50) error(p + "name", "must be 1-50 characters after trimming");
        }
        String phone = text(a, "phone", p + "phone", false);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            error(p + "phone", "must be 11 digits starting with 1");
        }
        Segment segment = enumValue(a, "segment", p + "segment", Segment.class, true);
        JsonNode h = object(a, "hukou", p + "hukou", false);
        ApplicantData.HukouData hukou = h == null ? null : new ApplicantData.HukouData(
                bool(h, "local", p + "hukou.local"), count(h, "localSinceYears", p + "hukou.localSinceYears"));
        JsonNode c = object(a, "creditHistory", p + "creditHistory", false);
        ApplicantData.CreditHistoryData credit = c == null ? null : new ApplicantData.CreditHistoryData(
                count(c, "overdueCount24m", p + "creditHistory.overdueCount24m"),
                count(c, "maxOverdueDays24m", p + "creditHistory.maxOverdueDays24m"),
                bool(c, "currentOverdue", p + "creditHistory.currentOverdue"));
        return new ApplicantData(idNumber, name, phone, segment,
                money(a, "annualIncome", p), money(a, "annualExpenses", p),
                money(a, "totalAssets", p), money(a, "totalLiabilities", p),
                money(a, "annualRevenue", p), money(a, "avgDepositBalance12m", p),
                count(a, "eBankingProducts", p + "eBankingProducts"),
                bool(a, "salaryPaidByUs", p + "salaryPaidByUs"),
                enumValue(a, "adminRank", p + "adminRank", AdminRank.class, false),
                count(a, "businessYears", p + "businessYears"),
                count(a, "socialSecurityMonths", p + "socialSecurityMonths"),
                count(a, "workingAwayYears", p + "workingAwayYears"),
                bool(a, "inMigrantDatabase", p + "inMigrantDatabase"),
                count(a, "relationshipMonths", p + "relationshipMonths"),
                bool(a, "offlineVerified", p + "offlineVerified"),
                hukou,
                enumValue(a, "committeeRating", p + "committeeRating", CommitteeRating.class, false),
                bool(a, "blacklisted", p + "blacklisted"),
                credit);
    }

    private ApplicationData application(JsonNode a) {
        if (a == null) return null;
        String p = "application.";
        BigDecimal requested = money(a, "requestedAmount", p);
        if (requested != null && requested.signum() <= 0) error(p + "requestedAmount", "must be greater than 0");
        Integer term = integer(a, "termMonths", p + "termMonths", true, 1, 60);
        Purpose purpose = enumValue(a, "purpose", p + "purpose", Purpose.class, false);
        List<GuaranteeType> offered = null;
        JsonNode g = a.get("offeredGuarantees");
        if (g != null && !g.isNull()) {
            if (!g.isArray()) {
                error(p + "offeredGuarantees", "must be an array of guarantee types");
            } else {
                offered = new ArrayList<>();
                for (int i = 0; i < g.size(); i++) {
                    GuaranteeType t = enumOf(g.get(i), p + "offeredGuarantees[" + i + "]", GuaranteeType.class);
                    if (t != null) offered.add(t);
                }
            }
        }
        return new ApplicationData(requested, term, purpose, offered);
    }

    private void validateIdNumber(String id, LocalDate evaluatedOn) {
        String f = "applicant.idNumber";
        if (!ChineseIdNumber.hasValidFormat(id)) {
            error(f, "must be 18 characters: 17 digits then a digit or X");
        } else if (!ChineseIdNumber.hasValidCheckCharacter(id)) {
            error(f, "check character does not match (ISO 7064 MOD 11-2)");
        } else {
            ChineseIdNumber.birthDate(id).ifPresentOrElse(birth -> {
                if (evaluatedOn != null && birth.isAfter(evaluatedOn)) error(f, "birth date is after asOfDate");
            }, () -> error(f, "characters 7-14 are not a real birth date (yyyyMMdd)"));
        }
    }

    // --- typed field readers: each returns null when the field is absent or invalid ---

    private JsonNode present(JsonNode parent, String name) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? null : n;
    }

    private String text(JsonNode parent, String name, String path, boolean required) {
        JsonNode n = present(parent, name);
        if (n == null) {
            if (required) error(path, "is required");
            return null;
        }
        if (!n.isTextual()) {
            error(path, "must be a string");
            return null;
        }
        return n.textValue();
    }

    private JsonNode object(JsonNode parent, String name, String path, boolean required) {
        JsonNode n = present(parent, name);
        if (n == null) {
            if (required) error(path, "is required");
            return null;
        }
        if (!n.isObject()) {
            error(path, "must be an object");
            return null;
        }
        return n;
    }

    private LocalDate date(JsonNode parent, String name) {
        String s = text(parent, name, name, false);
        if (s == null) return null;
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            error(name, "must be an ISO date (yyyy-MM-dd)");
            return null;
        }
    }

    private Boolean bool(JsonNode parent, String name, String path) {
        JsonNode n = present(parent, name);
        if (n == null) return null;
        if (!n.isBoolean()) {
            error(path, "must be true or false");
            return null;
        }
        return n.booleanValue();
    }

    private BigDecimal money(JsonNode parent, String name, String prefix) {
        String path = prefix + name;
        JsonNode n = present(parent, name);
        if (n == null) return null;
        if (!n.isNumber()) {
            error(path, "must be a number (yuan)");
            return null;
        }
        BigDecimal v = normalise(n.decimalValue());
        if (v.signum() < 0 || v.compareTo(MAX_MONEY) > 0) {
            error(path, "must be between 0 and 10000000000");
            return null;
        }
        if (v.scale() > 2) {
            error(path, "must have at most 2 decimal places");
            return null;
        }
        return v;
    }

    private Integer count(JsonNode parent, String name, String path) {
        return integer(parent, name, path, false, 0, MAX_COUNT);
    }

    private Integer integer(JsonNode parent, String name, String path, boolean required, int min, int max) {
        JsonNode n = present(parent, name);
        if (n == null) {
            if (required) error(path, "is required");
            return null;
        }
        String range = "must be an integer from " + min + " to " + max;
        if (!n.isNumber()) {
            error(path, range);
            return null;
        }
        BigDecimal v = normalise(n.decimalValue());
        if (v.scale() > 0 || v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            error(path, range);
            return null;
        }
        return v.intValueExact();
    }

    private <E extends Enum<E>> E enumValue(JsonNode parent, String name, String path, Class<E> type, boolean required) {
        JsonNode n = present(parent, name);
        if (n == null) {
            if (required) error(path, "is required");
            return null;
        }
        return enumOf(n, path, type);
    }

    private <E extends Enum<E>> E enumOf(JsonNode n, String path, Class<E> type) {
        String allowed = "must be one of " + Arrays.toString(type.getEnumConstants());
        if (n == null || !n.isTextual()) {
            error(path, allowed);
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(n.textValue())) return e;
        }
        error(path, allowed);
        return null;
    }

    /** Strips trailing zeros, keeping integers at scale 0 (8E+4 becomes 80000). */
    static BigDecimal normalise(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
