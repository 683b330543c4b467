package cn.ruralcredit.loanfactory.decision.privacy;

import cn.ruralcredit.loanfactory.decision.support.Auth;
import cn.ruralcredit.loanfactory.decision.support.EmbeddedMariaDbResource;
import cn.ruralcredit.loanfactory.decision.support.Requests;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logs never contain full ID numbers or phones: everything the service logs while it decides,
 * refuses invalid ID numbers and phones, fails to store a decision, shows a decision to an
 * auditor and a channel, and exports, is captured at the root logger and searched for them.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedMariaDbResource.class)
class PersonalDataLogTest {
    /** Valid ID numbers and phones of this test only (MOD 11-2 check characters). */
    private static final List<String> ID_NUMBERS = List.of("150422197002030460", "15042219900101023X");
    private static final List<String> PHONES = List.of("13655556666", "13912345678");
    /** Invalid ones, refused with a 400 each. */
    private static final List<String> BAD_ID_NUMBERS = List.of("150422197002030461", "15042219900101023", "1504221990010102");
    private static final List<String> BAD_PHONES = List.of("23655556666", "1365555666", "136555566661");

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void captureLogs() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    private static Requests request(int i) {
        return Requests.apiExample().set("applicant.idNumber", ID_NUMBERS.get(i)).set("applicant.phone", PHONES.get(i));
    }

    @Test
    void shouldNeverLogAFullIdNumberOrPhone() throws Exception {
        List<String> decisionIds = new ArrayList<>();
        for (int i = 0; i < ID_NUMBERS.size(); i++) {
            decisionIds.add(Auth.channel().contentType(ContentType.JSON).body(request(i).toString())
                    .when().post("/api/v1/decisions").then().statusCode(200).extract().path("decisionId"));
        }
        for (String bad : BAD_ID_NUMBERS) {
            Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().set("applicant.idNumber", bad).toString())
                    .when().post("/api/v1/decisions").then().statusCode(400);
        }
        for (String bad : BAD_PHONES) {
            Auth.channel().contentType(ContentType.JSON).body(Requests.apiExample().set("applicant.phone", bad).toString())
                    .when().post("/api/v1/decisions").then().statusCode(400);
            Auth.channel().contentType(ContentType.JSON)
                    .body(Requests.apiExample().set("productCode", null).set("applicant.phone", bad).toString())
                    .when().post("/api/v1/offers").then().statusCode(400);
        }
        // a body cut off after the ID number, and one with the ID number where an object belongs
        String cut = request(0).toString();
        Auth.channel().contentType(ContentType.JSON).body(cut.substring(0, cut.indexOf(ID_NUMBERS.get(0)) + 18))
                .when().post("/api/v1/decisions").then().statusCode(400);
        Auth.channel().contentType(ContentType.JSON).body(request(1).set("applicant", PHONES.get(1) + ID_NUMBERS.get(1)).toString())
                .when().post("/api/v1/decisions").then().statusCode(400);
        // a decision that cannot be stored: the failure is logged with its stack trace
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("RENAME TABLE decision TO decision_offline");
            try {
                Auth.channel().contentType(ContentType.JSON).body(request(0).set("applicant.name", "不存").toString())
                        .when().post("/api/v1/decisions").then().statusCode(503);
            } finally {
                s.execute("RENAME TABLE decision_offline TO decision");
            }
        }
        for (String id : decisionIds) {
            Auth.as(Auth.AUDITOR).when().get("/api/v1/decisions/" + id).then().statusCode(200);
            Auth.channel().when().get("/api/v1/decisions/" + id).then().statusCode(200);
        }
        Auth.as(Auth.AUDITOR).queryParam("channel", Auth.DEMO_CHANNEL).when().get("/api/v1/decisions").then().statusCode(200);
        Auth.as(Auth.AUDITOR).queryParams("format", "csv", "channel", Auth.DEMO_CHANNEL)
                .when().get("/api/v1/decisions/export").then().statusCode(200);
        Auth.as(Auth.AUDITOR).queryParams("format", "xlsx", "channel", Auth.DEMO_CHANNEL)
                .when().get("/api/v1/decisions/export").then().statusCode(200);

        List<String> logged;
        synchronized (records) {
            logged = records.stream().map(PersonalDataLogTest::everything).toList();
        }
        // the store failure was logged: the capture sees what the service logs
        assertTrue(logged.stream().anyMatch(text -> text.contains("database unavailable")), "captured: " + logged);
        List<String> secrets = new ArrayList<>();
        secrets.addAll(ID_NUMBERS);
        secrets.addAll(PHONES);
        secrets.addAll(BAD_ID_NUMBERS);
        secrets.addAll(BAD_PHONES);
        for (String text : logged) {
            for (String secret : secrets) {
                assertEquals(-1, text.indexOf(secret), "a log record holds " + secret + ": " + text);
            }
        }
    }

    /** The record's message, formatted and raw, its parameters, and every message of its exception chain. */
    private static String everything(LogRecord record) {
        StringBuilder text = new StringBuilder();
        text.append(record.getLoggerName()).append(": ").append(record.getMessage()).append('\n');
        try {
            text.append(new SimpleFormatter().formatMessage(record)).append('\n');
        } catch (RuntimeException e) {
            // a printf-style message that java.util.logging cannot format: the raw parts are kept above and below
        }
        if (record instanceof org.jboss.logmanager.ExtLogRecord ext) text.append(ext.getFormattedMessage()).append('\n');
        if (record.getParameters() != null) text.append(Arrays.deepToString(record.getParameters())).append('\n');
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (Throwable s : t.getSuppressed()) text.append(s).append('\n');
        }
        return text.toString();
    }
}
