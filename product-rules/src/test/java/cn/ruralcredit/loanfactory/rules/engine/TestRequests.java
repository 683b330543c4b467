package cn.ruralcredit.loanfactory.rules.engine;

import cn.ruralcredit.loanfactory.rules.model.Segment;
import cn.ruralcredit.loanfactory.rules.request.ApplicantData;
import cn.ruralcredit.loanfactory.rules.request.ApplicationData;
import cn.ruralcredit.loanfactory.rules.request.DecisionRequest;

import java.time.LocalDate;

/** Minimal valid requests for engine tests. */
final class TestRequests {
    private TestRequests() {
    }

    static DecisionRequest farmer(LocalDate asOfDate) {
        ApplicantData applicant = new ApplicantData("150422197511020041", "张三", null, Segment.FARMER,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
        return new DecisionRequest("t-1", "TEST", asOfDate, null, applicant, new ApplicationData(null, 12, null, null));
    }
}
