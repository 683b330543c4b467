package cn.ruralcredit.loanfactory.rules.request;

import java.time.LocalDate;

/**
 * A decision request of the API (API.md), validated. Optional fields are null when absent, so
 * that the request can be recorded exactly as it was evaluated.
 */
public record DecisionRequest(String requestId, String productCode, LocalDate asOfDate, String channel,
                              ApplicantData applicant, ApplicationData application) {

    /** The request as it is evaluated: {@code asOfDate} as sent, or {@code today} when absent. */
    public DecisionRequest evaluatedOn(LocalDate today) {
        return asOfDate != null ? this : withAsOfDate(today);
    }

    public DecisionRequest withAsOfDate(LocalDate date) {
        return new DecisionRequest(requestId, productCode, date, channel, applicant, application);
    }
}
