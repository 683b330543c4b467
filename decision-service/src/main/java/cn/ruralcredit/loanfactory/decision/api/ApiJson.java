package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import cn.ruralcredit.loanfactory.rules.request.InvalidRequestException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.List;

/** JSON of the decision API: request bodies parsed strictly, responses written as stored. */
public final class ApiJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .build();

    /**
     * Reads stored JSON back exactly as written: a JSON tree would otherwise strip trailing zeros,
     * and a stored {@code "lprPct": 3.00} would be answered as {@code 3}.
     */
    private static final ObjectMapper STORED = JsonMapper.builder()
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private ApiJson() {
    }

    /** Parses a request body; malformed JSON is a 400 naming where it broke. */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException(List.of(new FieldError("$", "the request body is empty")));
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidRequestException(List.of(new FieldError("$", "malformed JSON" + where)));
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response does not serialise", e);
        }
    }

    /** A streaming JSON writer on {@code out}, writing values as responses are written. */
    public static JsonGenerator generator(java.io.OutputStream out) throws java.io.IOException {
        return MAPPER.getFactory().createGenerator(out).setCodec(MAPPER);
    }

    public static JsonNode readStored(String json) {
        try {
            return STORED.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProblemException(500, "Internal Server Error", "a stored record is not valid JSON");
        }
    }

    /** A stored JSON value read back as {@code type}. */
    public static <T> T readValue(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new ProblemException(500, "Internal Server Error", "a stored record is not valid JSON");
        }
    }
}
