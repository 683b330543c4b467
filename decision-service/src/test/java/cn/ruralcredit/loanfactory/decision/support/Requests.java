package cn.ruralcredit.loanfactory.decision.support;

import cn.ruralcredit.loanfactory.rules.request.ChineseIdNumber;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Test data: decision requests built from the API.md example, changed one field at a time. */
public final class Requests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode body;

    private Requests(ObjectNode body) {
        this.body = body;
    }

    /** The request of API.md, with a fresh requestId. */
    public static Requests apiExample() {
        try (InputStream in = Requests.class.getClassLoader().getResourceAsStream("requests/api-example.json")) {
            Requests r = new Requests((ObjectNode) JSON.readTree(in));
            return r.set("requestId", "test-" + UUID.randomUUID());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a field by dotted path (e.g. {@code applicant.annualIncome}); a Java null removes it. */
    public Requests set(String path, Object value) {
        ObjectNode parent = body;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.has(parts[i]) && parent.get(parts[i]).isObject()
                    ? (ObjectNode) parent.get(parts[i]) : parent.putObject(parts[i]);
        }
        String field = parts[parts.length - 1];
        if (value == null) parent.remove(field);
        else parent.set(field, value instanceof JsonNode n ? n : JSON.valueToTree(value));
        return this;
    }

    public Requests born(LocalDate birthDate) {
        return set("applicant.idNumber", idNumber(birthDate));
    }

    public String requestId() {
        return body.get("requestId").asText();
    }

    public ObjectNode json() {
        return body.deepCopy();
    }

    @Override
    public String toString() {
        return body.toString();
    }

    /** A valid ID number for a birth date (region 150422, sequence 004, MOD 11-2 check character). */
    public static String idNumber(LocalDate birthDate) {
        String first17 = "150422" + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + "004";
        return first17 + ChineseIdNumber.checkCharacter(first17);
    }
}
