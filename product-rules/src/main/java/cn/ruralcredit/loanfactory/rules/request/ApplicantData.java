package cn.ruralcredit.loanfactory.rules.request;

import cn.ruralcredit.loanfactory.rules.model.AdminRank;
import cn.ruralcredit.loanfactory.rules.model.CommitteeRating;
import cn.ruralcredit.loanfactory.rules.model.Segment;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/** The {@code applicant} object of a decision request; optional fields null when absent. */
public record ApplicantData(
        String idNumber, String name, String phone, Segment segment,
        BigDecimal annualIncome, BigDecimal annualExpenses, BigDecimal totalAssets, BigDecimal totalLiabilities,
        BigDecimal annualRevenue, BigDecimal avgDepositBalance12m,
        @JsonProperty("eBankingProducts") Integer eBankingProducts,
        Boolean salaryPaidByUs, AdminRank adminRank, Integer businessYears,
        Integer socialSecurityMonths, Integer workingAwayYears, Boolean inMigrantDatabase,
        Integer relationshipMonths, Boolean offlineVerified, HukouData hukou,
        CommitteeRating committeeRating, Boolean blacklisted, CreditHistoryData creditHistory) {

    /**
     * Without the ID number, name and phone: a record's generated toString would print them, and
     * a request that reaches a log line or an exception message must not carry personal data.
     */
    @Override
    public String toString() {
        return "ApplicantData[segment=" + segment + ", personal data withheld]";
    }

    public record HukouData(Boolean local, Integer localSinceYears) {
    }

    public record CreditHistoryData(Integer overdueCount24m, Integer maxOverdueDays24m, Boolean currentOverdue) {
    }
}
