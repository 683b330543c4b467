package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.decision.platform.QueryParams.DateRange;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import cn.ruralcredit.loanfactory.rules.request.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules of search and export that need no database: days in Shanghai, CSV fields, the row cap. */
class ExportRulesTest {

    @Test
    void shouldTurnDaysInShanghaiIntoUtcInstants() {
        DateRange range = new DateRange(LocalDate.of(2025, 11, 21), LocalDate.of(2025, 11, 21));
        assertEquals(Instant.parse("2025-11-20T16:00:00Z"), range.startInclusive());
        assertEquals(Instant.parse("2025-11-21T16:00:00Z"), range.endExclusive());
        DateRange open = new DateRange(null, null);
        assertEquals(null, open.startInclusive());
        assertEquals(null, open.endExclusive());
    }

    @Test
    void shouldQuoteCsvFieldsAsRfc4180() {
        assertEquals("张三", CsvDecisionSheet.field("张三"));
        assertEquals("\"a,b\"", CsvDecisionSheet.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvDecisionSheet.field("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvDecisionSheet.field("two\nlines"));
        assertEquals("\"cr\rlf\"", CsvDecisionSheet.field("cr\rlf"));
    }

    @Test
    void shouldNeutraliseCellsThatASpreadsheetWouldRunAsFormulas() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", CsvDecisionSheet.field("=HYPERLINK(\"x\")"));
        assertEquals("'+1", CsvDecisionSheet.field("+1"));
        assertEquals("'-1", CsvDecisionSheet.field("-1"));
        assertEquals("'@SUM(A1)", CsvDecisionSheet.field("@SUM(A1)"));
        assertEquals("a-1", CsvDecisionSheet.field("a-1"));
    }

    @Test
    void shouldRefuseAnExportLargerThanTheCap() {
        assertDoesNotThrow(() -> DecisionSearchService.checkExportSize(100_000, 100_000));
        ProblemException e = assertThrows(ProblemException.class,
                () -> DecisionSearchService.checkExportSize(100_001, 100_000));
        assertEquals(400, e.status());
        assertEquals("to", e.errors().get(0).field());
        assertEquals("the filters select 100001 decisions and an export holds at most 100000: narrow the date range "
                + "(from, to) or add filters", e.errors().get(0).message());
    }

    @Test
    void shouldNameEveryBadFilter() {
        FieldErrors errors = new FieldErrors();
        DecisionFilter.parse("FUNONG", "MAYBE", "0", "MOBILE_APP", "bad id!", "2025-13-01", "2025-11-01", errors);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, errors::throwIfAny);
        assertEquals(List.of("outcome", "version", "requestId", "from"),
                e.errors().stream().map(FieldError::field).toList());
    }
}
