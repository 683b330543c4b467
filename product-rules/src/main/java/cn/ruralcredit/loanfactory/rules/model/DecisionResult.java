package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The decision the rules fill in. The outcome rules set it exactly once; the engine refuses a
 * result with no outcome or with more than one (see {@link #outcomesSet()}).
 */
public final class DecisionResult {
    /**
     * The order decline reasons are reported in: the common stage-A codes in the order of
     * PRODUCTS.md 1.4, then the product-specific and stage-B declines in the order the document
     * introduces them. Codes a later rule set invents come after these, alphabetically.
     */
    public static final List<String> DECLINE_ORDER = List.of(
            "BLACKLISTED", "CURRENT_OVERDUE", "SERIOUS_DELINQUENCY", "AGE_OUT_OF_RANGE", "SEGMENT_NOT_ELIGIBLE",
            "COMMITTEE_NEGATIVE", "BUSINESS_TOO_NEW", "HIGH_LEVERAGE", "NOT_IN_MIGRANT_DATABASE",
            "INSUFFICIENT_WORK_HISTORY", "NOT_NEW_CITIZEN", "PURPOSE_NOT_ELIGIBLE",
            "SCORE_TOO_LOW", "BELOW_MINIMUM_LINE");

    private static final Comparator<Reason> DECLINE_COMPARATOR = Comparator
            .comparingInt((Reason r) -> {
                int i = DECLINE_ORDER.indexOf(r.code());
                return i < 0 ? Integer.MAX_VALUE : i;
            })
            .thenComparing(Reason::code);

    private Outcome outcome;
    private int outcomesSet;
    private String tierCode;
    private String tierLabel;
    private BigDecimal creditLimit = BigDecimal.ZERO;
    private BigDecimal annualRatePct;
    private GuaranteeTerms guarantee = GuaranteeTerms.NONE;
    private ApprovalLevel approvalLevel;
    private Integer validityMonths;
    private final List<Reason> adjustments = new ArrayList<>();
    private final List<Reason> reasons = new ArrayList<>();

    /** Stage-B adjustment reasons (LIMIT_CAPPED_BY_REQUEST, ...), kept in the order they were found. */
    public void addAdjustment(String code, String message) {
        if (adjustments.stream().noneMatch(r -> r.code().equals(code))) {
            adjustments.add(new Reason(code, message));
        }
    }

    public void decline(Collection<?> declines) {
        outcomesSet++;
        outcome = Outcome.DECLINED;
        reasons.clear();
        declines.stream().map(d -> ((Decline) d).toReason()).distinct().sorted(DECLINE_COMPARATOR).forEach(reasons::add);
    }

    public void approve(Grade grade, GrantedLimit limit, GuaranteeTerms guaranteeTerms, Price price) {
        grant(Outcome.APPROVED, ApprovalLevel.BRANCH, grade, limit, guaranteeTerms, price);
    }

    public void refer(Grade grade, GrantedLimit limit, GuaranteeTerms guaranteeTerms, Price price) {
        grant(Outcome.REFERRED, ApprovalLevel.UNION_COMMITTEE, grade, limit, guaranteeTerms, price);
    }

    private void grant(Outcome o, ApprovalLevel level, Grade grade, GrantedLimit limit, GuaranteeTerms g, Price price) {
        outcomesSet++;
        outcome = o;
        approvalLevel = level;
        tierCode = grade.getCode();
        tierLabel = grade.getLabel();
        creditLimit = limit.getAmount();
        guarantee = g;
        annualRatePct = price.getAnnualRatePct();
        reasons.clear();
        reasons.addAll(adjustments);
    }

    public void setValidityMonths(int validityMonths) { this.validityMonths = validityMonths; }

    public int outcomesSet() { return outcomesSet; }
    public Outcome getOutcome() { return outcome; }
    public String getTierCode() { return tierCode; }
    public String getTierLabel() { return tierLabel; }
    public BigDecimal getCreditLimit() { return creditLimit; }
    public BigDecimal getAnnualRatePct() { return annualRatePct; }
    public GuaranteeTerms getGuarantee() { return guarantee; }
    public ApprovalLevel getApprovalLevel() { return approvalLevel; }
    public Integer getValidityMonths() { return validityMonths; }
    public List<Reason> getReasons() { return List.copyOf(reasons); }
}
