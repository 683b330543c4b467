package cn.ruralcredit.loanfactory.decision.privacy;

import cn.ruralcredit.loanfactory.rules.model.Segment;
import cn.ruralcredit.loanfactory.rules.request.ApplicantData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The masking rules of personal data, exactly. */
class PersonalDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldKeepTheFirstSixAndLastFourOfAnIdNumber() {
        assertEquals("150422********0041", PersonalData.maskIdNumber("150422197511020041"));
        assertEquals("150422********004X", PersonalData.maskIdNumber("15042219751102004X"));
    }

    @Test
    void shouldHideTheMiddleOfA15DigitIdNumberBehindTheSameEightStars() {
        // first-generation ID: the stars do not tell its length
        assertEquals("150422********2041", PersonalData.maskIdNumber("150422751102041"));
        // fourteen characters: four stay hidden, the least for which head and tail are shown
        assertEquals("123456********1234", PersonalData.maskIdNumber("12345678901234"));
    }

    @Test
    void shouldStarAShortIdNumberWhole() {
        // fewer than four characters would stay hidden behind head and tail: nothing is shown
        assertEquals("*************", PersonalData.maskIdNumber("1504221975110"));
        assertEquals("****", PersonalData.maskIdNumber("1504"));
        assertEquals("", PersonalData.maskIdNumber(""));
    }

    @Test
    void shouldKeepTheFirstThreeAndLastFourOfAPhone() {
        assertEquals("138****8000", PersonalData.maskPhone("13800138000"));
        assertEquals("+86****8000", PersonalData.maskPhone("+8613800138000"));
    }

    @Test
    void shouldStarAShortPhoneWhole() {
        assertEquals("**********", PersonalData.maskPhone("1380013800"));
        assertEquals("*******", PersonalData.maskPhone("8013800"));
    }

    @Test
    void shouldLeaveNullAsNull() {
        assertNull(PersonalData.maskIdNumber(null));
        assertNull(PersonalData.maskPhone(null));
        assertNull(PersonalData.maskRequest(null));
    }

    @Test
    void shouldMaskOnlyTheIdNumberAndPhoneOfAStoredRequest() throws Exception {
        JsonNode stored = JSON.readTree("""
                {"requestId":"r-1","applicant":{"idNumber":"150422197511020041","name":"张三","phone":"13800138000",
                 "segment":"FARMER"},"application":{"termMonths":12}}""");
        JsonNode masked = PersonalData.maskRequest(stored);
        assertEquals(JSON.readTree("""
                {"requestId":"r-1","applicant":{"idNumber":"150422********0041","name":"张三","phone":"138****8000",
                 "segment":"FARMER"},"application":{"termMonths":12}}"""), masked);
        // the tree passed in is left as it was
        assertEquals("150422197511020041", stored.path("applicant").path("idNumber").asText());
    }

    @Test
    void shouldLeaveARequestWithoutPhoneOrApplicantAsItIs() throws Exception {
        JsonNode noPhone = JSON.readTree("{\"applicant\":{\"idNumber\":\"150422197511020041\",\"phone\":null}}");
        assertEquals(JSON.readTree("{\"applicant\":{\"idNumber\":\"150422********0041\",\"phone\":null}}"),
                PersonalData.maskRequest(noPhone));
        JsonNode noApplicant = JSON.readTree("{\"requestId\":\"r-2\"}");
        assertEquals(noApplicant, PersonalData.maskRequest(noApplicant));
        JsonNode notAnObject = JSON.readTree("[1]");
        assertSame(notAnObject, PersonalData.maskRequest(notAnObject));
    }

    @Test
    void shouldMaskAPhoneStoredAsANumberToo() throws Exception {
        JsonNode odd = JSON.readTree("{\"applicant\":{\"phone\":13800138000}}");
        assertEquals(JSON.readTree("{\"applicant\":{\"phone\":\"138****8000\"}}"), PersonalData.maskRequest(odd));
    }

    @Test
    void shouldKeepPersonalDataOutOfTheApplicantsToString() {
        ApplicantData applicant = new ApplicantData("150422197511020041", "张三", "13800138000", Segment.FARMER,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
        assertEquals("ApplicantData[segment=FARMER, personal data withheld]", applicant.toString());
    }
}
