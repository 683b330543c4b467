package cn.ruralcredit.loanfactory.decision.api;

import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import cn.ruralcredit.loanfactory.rules.request.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.ArrayList;
import java.util.List;

/** JSON of the decision API: request bodies parsed strictly, responses written as stored. */
public final class ApiJson {
    /** The deepest nesting of objects and arrays a request may have (a decision request has 3). */
    static final int MOST_DEPTH = 16;
    /** The longest string, or field name, a request may hold anywhere (known fields have their own, shorter, limits). */
    static final int LONGEST_STRING = 1000;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MOST_DEPTH).build())
                    .build())
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
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new InvalidRequestException(List.of(new FieldError("$", "nests objects or arrays deeper than " + MOST_DEPTH + " levels")));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidRequestException(List.of(new FieldError("$", "malformed JSON" + where)));
        }
        List<FieldError> tooLong = new ArrayList<>();
        longStrings(tree, "", tooLong);
        if (!tooLong.isEmpty()) throw new InvalidRequestException(tooLong);
        return tree;
    }

    /** Every string value or field name longer than {@link #LONGEST_STRING}, named by its path. */
    private static void longStrings(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual() && node.textValue().length() > LONGEST_STRING) {
            errors.add(new FieldError(path.isEmpty() ? "$" : path, "must be at most " + LONGEST_STRING + " characters"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) longStrings(node.get(i), path + "[" + i + "]", errors);
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().length() > LONGEST_STRING) {
                    errors.add(new FieldError(path.isEmpty() ? "$" : path, "has a field name longer than " + LONGEST_STRING
                            + " characters"));
                } else {
                    longStrings(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), errors);
                }
            });
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
