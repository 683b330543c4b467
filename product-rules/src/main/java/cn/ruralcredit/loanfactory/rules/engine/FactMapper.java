package cn.ruralcredit.loanfactory.rules.engine;

import cn.ruralcredit.loanfactory.rules.model.Applicant;
import cn.ruralcredit.loanfactory.rules.model.Application;
import cn.ruralcredit.loanfactory.rules.model.CreditHistory;
import cn.ruralcredit.loanfactory.rules.model.Evaluation;
import cn.ruralcredit.loanfactory.rules.model.Hukou;
import cn.ruralcredit.loanfactory.rules.request.ApplicantData;
import cn.ruralcredit.loanfactory.rules.request.ApplicationData;
import cn.ruralcredit.loanfactory.rules.request.ChineseIdNumber;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;

import java.math.BigDecimal;
import java.util.List;

/** Turns a validated request into facts, defaulting what is missing as PRODUCTS.md 1.1 says. */
final class FactMapper {
    private FactMapper() {
    }

    static List<Object> facts(DecisionRequest request, BigDecimal lprPct) {
        if (request.asOfDate() == null) throw new IllegalArgumentException("asOfDate must be set before evaluation");
        ApplicantData a = request.applicant();
        ApplicationData app = request.application();
        Applicant applicant = Applicant.builder(a.segment())
                .annualIncome(a.annualIncome())
                .annualExpenses(a.annualExpenses())
                .totalAssets(a.totalAssets())
                .totalLiabilities(a.totalLiabilities())
                .annualRevenue(a.annualRevenue())
                .avgDepositBalance12m(a.avgDepositBalance12m())
                .eBankingProducts(orZero(a.eBankingProducts()))
                .salaryPaidByUs(isTrue(a.salaryPaidByUs()))
                .adminRank(a.adminRank())
                .businessYears(orZero(a.businessYears()))
                .socialSecurityMonths(orZero(a.socialSecurityMonths()))
                .workingAwayYears(orZero(a.workingAwayYears()))
                .inMigrantDatabase(isTrue(a.inMigrantDatabase()))
                .relationshipMonths(orZero(a.relationshipMonths()))
                .offlineVerified(isTrue(a.offlineVerified()))
                .hukou(a.hukou() == null ? null : new Hukou(isTrue(a.hukou().local()), orZero(a.hukou().localSinceYears())))
                .committeeRating(a.committeeRating())
                .blacklisted(isTrue(a.blacklisted()))
                .creditHistory(a.creditHistory() == null ? null : new CreditHistory(
                        orZero(a.creditHistory().overdueCount24m()),
                        orZero(a.creditHistory().maxOverdueDays24m()),
                        isTrue(a.creditHistory().currentOverdue())))
                .build();
        Application application = new Application(app.requestedAmount(), app.termMonths(), app.purpose(), app.offeredGuarantees());
        Evaluation evaluation = new Evaluation(request.asOfDate(),
                ChineseIdNumber.birthDate(a.idNumber()).orElseThrow(
                        () -> new IllegalArgumentException("idNumber carries no birth date: validate the request first")),
                lprPct);
        return List.of(applicant, application, evaluation);
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }

    private static boolean isTrue(Boolean v) {
        return Boolean.TRUE.equals(v);
    }
}
