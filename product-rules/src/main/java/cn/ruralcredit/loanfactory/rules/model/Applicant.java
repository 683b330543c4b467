package cn.ruralcredit.loanfactory.rules.model;

import java.math.BigDecimal;

/**
 * The applicant as the rules see it: every optional input already defaulted as PRODUCTS.md 1.1
 * prescribes (numbers 0, booleans false, enums NONE). Money in yuan.
 */
public final class Applicant {
    private final Segment segment;
    private final BigDecimal annualIncome;
    private final BigDecimal annualExpenses;
    private final BigDecimal totalAssets;
    private final BigDecimal totalLiabilities;
    private final BigDecimal annualRevenue;
    private final BigDecimal avgDepositBalance12m;
    private final int eBankingProducts;
    private final boolean salaryPaidByUs;
    private final AdminRank adminRank;
    private final int businessYears;
    private final int socialSecurityMonths;
    private final int workingAwayYears;
    private final boolean inMigrantDatabase;
    private final int relationshipMonths;
    private final boolean offlineVerified;
    private final Hukou hukou;
    private final CommitteeRating committeeRating;
    private final boolean blacklisted;
    private final CreditHistory creditHistory;

    private Applicant(Builder b) {
        this.segment = b.segment;
        this.annualIncome = b.annualIncome;
        this.annualExpenses = b.annualExpenses;
        this.totalAssets = b.totalAssets;
        this.totalLiabilities = b.totalLiabilities;
        this.annualRevenue = b.annualRevenue;
        this.avgDepositBalance12m = b.avgDepositBalance12m;
        this.eBankingProducts = b.eBankingProducts;
        this.salaryPaidByUs = b.salaryPaidByUs;
        this.adminRank = b.adminRank;
        this.businessYears = b.businessYears;
        this.socialSecurityMonths = b.socialSecurityMonths;
        this.workingAwayYears = b.workingAwayYears;
        this.inMigrantDatabase = b.inMigrantDatabase;
        this.relationshipMonths = b.relationshipMonths;
        this.offlineVerified = b.offlineVerified;
        this.hukou = b.hukou;
        this.committeeRating = b.committeeRating;
        this.blacklisted = b.blacklisted;
        this.creditHistory = b.creditHistory;
    }

    public static Builder builder(Segment segment) {
        return new Builder(segment);
    }

    public Segment getSegment() { return segment; }
    public BigDecimal getAnnualIncome() { return annualIncome; }
    public BigDecimal getAnnualExpenses() { return annualExpenses; }
    public BigDecimal getTotalAssets() { return totalAssets; }
    public BigDecimal getTotalLiabilities() { return totalLiabilities; }
    public BigDecimal getAnnualRevenue() { return annualRevenue; }
    public BigDecimal getAvgDepositBalance12m() { return avgDepositBalance12m; }
    public int getEBankingProducts() { return eBankingProducts; }
    public boolean isSalaryPaidByUs() { return salaryPaidByUs; }
    public AdminRank getAdminRank() { return adminRank; }
    public int getBusinessYears() { return businessYears; }
    public int getSocialSecurityMonths() { return socialSecurityMonths; }
    public int getWorkingAwayYears() { return workingAwayYears; }
    public boolean isInMigrantDatabase() { return inMigrantDatabase; }
    public int getRelationshipMonths() { return relationshipMonths; }
    public boolean isOfflineVerified() { return offlineVerified; }
    public Hukou getHukou() { return hukou; }
    public CommitteeRating getCommitteeRating() { return committeeRating; }
    public boolean isBlacklisted() { return blacklisted; }
    public CreditHistory getCreditHistory() { return creditHistory; }

    /** Net annual income: {@code annualIncome − annualExpenses} (may be negative). */
    public BigDecimal getNetIncome() { return annualIncome.subtract(annualExpenses); }

    /** Net assets: {@code totalAssets − totalLiabilities} (may be negative). */
    public BigDecimal getNetAssets() { return totalAssets.subtract(totalLiabilities); }

    public static final class Builder {
        private final Segment segment;
        private BigDecimal annualIncome = BigDecimal.ZERO;
        private BigDecimal annualExpenses = BigDecimal.ZERO;
        private BigDecimal totalAssets = BigDecimal.ZERO;
        private BigDecimal totalLiabilities = BigDecimal.ZERO;
        private BigDecimal annualRevenue = BigDecimal.ZERO;
        private BigDecimal avgDepositBalance12m = BigDecimal.ZERO;
        private int eBankingProducts;
        private boolean salaryPaidByUs;
        private AdminRank adminRank = AdminRank.NONE;
        private int businessYears;
        private int socialSecurityMonths;
        private int workingAwayYears;
        private boolean inMigrantDatabase;
        private int relationshipMonths;
        private boolean offlineVerified;
        private Hukou hukou = new Hukou(false, 0);
        private CommitteeRating committeeRating = CommitteeRating.NONE;
        private boolean blacklisted;
        private CreditHistory creditHistory = new CreditHistory(0, 0, false);

        private Builder(Segment segment) {
            if (segment == null) throw new IllegalArgumentException("segment is required");
            this.segment = segment;
        }

        public Builder annualIncome(BigDecimal v) { this.annualIncome = orZero(v); return this; }
        public Builder annualExpenses(BigDecimal v) { this.annualExpenses = orZero(v); return this; }
        public Builder totalAssets(BigDecimal v) { this.totalAssets = orZero(v); return this; }
        public Builder totalLiabilities(BigDecimal v) { this.totalLiabilities = orZero(v); return this; }
        public Builder annualRevenue(BigDecimal v) { this.annualRevenue = orZero(v); return this; }
        public Builder avgDepositBalance12m(BigDecimal v) { this.avgDepositBalance12m = orZero(v); return this; }
        public Builder eBankingProducts(int v) { this.eBankingProducts = v; return this; }
        public Builder salaryPaidByUs(boolean v) { this.salaryPaidByUs = v; return this; }
        public Builder adminRank(AdminRank v) { this.adminRank = v == null ? AdminRank.NONE : v; return this; }
        public Builder businessYears(int v) { this.businessYears = v; return this; }
        public Builder socialSecurityMonths(int v) { this.socialSecurityMonths = v; return this; }
        public Builder workingAwayYears(int v) { this.workingAwayYears = v; return this; }
        public Builder inMigrantDatabase(boolean v) { this.inMigrantDatabase = v; return this; }
        public Builder relationshipMonths(int v) { this.relationshipMonths = v; return this; }
        public Builder offlineVerified(boolean v) { this.offlineVerified = v; return this; }
        public Builder hukou(Hukou v) { this.hukou = v == null ? new Hukou(false, 0) : v; return this; }
        public Builder committeeRating(CommitteeRating v) { this.committeeRating = v == null ? CommitteeRating.NONE : v; return this; }
        public Builder blacklisted(boolean v) { this.blacklisted = v; return this; }
        public Builder creditHistory(CreditHistory v) { this.creditHistory = v == null ? new CreditHistory(0, 0, false) : v; return this; }

        public Applicant build() { return new Applicant(this); }

        private static BigDecimal orZero(BigDecimal v) { return v == null ? BigDecimal.ZERO : v; }
    }
}
