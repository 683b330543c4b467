package cn.ruralcredit.loanfactory.rules.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DecisionRequestReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 21);

    private static DecisionRequest read(String json) throws Exception {
        return DecisionRequestReader.read(JSON.readTree(json), TODAY);
    }

    private static String minimal(String idNumber, String extraApplicant) {
        return "{\"requestId\":\"r1\",\"productCode\":\"FUNONG\",\"applicant\":{\"idNumber\":\"" + idNumber
                + "\",\"name\":\"张三\",\"segment\":\"FARMER\"" + extraApplicant + "},\"application\":{\"termMonths\":12}}";
    }

    @Test
    void shouldKeepAbsentOptionalFieldsAbsent() throws Exception {
        DecisionRequest r = read(minimal("150422197511020041", ""));
        assertNull(r.asOfDate());
        assertNull(r.applicant().annualIncome());
        assertNull(r.application().requestedAmount());
        assertEquals("{\"applicant\":{\"idNumber\":\"150422197511020041\",\"name\":\"张三\",\"segment\":\"FARMER\"},"
                + "\"application\":{\"termMonths\":12},\"productCode\":\"FUNONG\",\"requestId\":\"r1\"}", CanonicalJson.of(r));
    }

    @Test
    void shouldCheckTheMod112CheckCharacterIncludingX() throws Exception {
        assertEquals('X', ChineseIdNumber.checkCharacter("11010519491231002"));
        read(minimal("11010519491231002X", ""));
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(minimal("110105194912310021", "")));
        assertEquals("applicant.idNumber", e.errors().get(0).field());
    }

    @Test
    void shouldAcceptA29FebruaryBirthDateOnlyInALeapYear() throws Exception {
        String leap = "15042220000229004";
        read(minimal(leap + ChineseIdNumber.checkCharacter(leap), ""));
        String notLeap = "15042219990229004";
        assertThrows(InvalidRequestException.class, () -> read(minimal(notLeap + ChineseIdNumber.checkCharacter(notLeap), "")));
    }

    @Test
    void shouldNormaliseMoneyWithoutLosingCents() throws Exception {
        DecisionRequest r = read(minimal("150422197511020041", ",\"annualIncome\":120000.50,\"totalAssets\":8E+4"));
        assertEquals(new BigDecimal("120000.5"), r.applicant().annualIncome());
        assertEquals("80000", r.applicant().totalAssets().toPlainString());
    }

    @Test
    void shouldReportEveryInvalidFieldAtOnce() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(minimal("150422197511020041",
                ",\"annualIncome\":-5,\"phone\":\"12\",\"hukou\":{\"localSinceYears\":1.5}")));
        assertEquals(java.util.List.of("applicant.phone", "applicant.hukou.localSinceYears", "applicant.annualIncome"),
                e.errors().stream().map(FieldError::field).toList());
    }
}
