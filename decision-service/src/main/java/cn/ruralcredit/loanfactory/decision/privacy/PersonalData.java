package cn.ruralcredit.loanfactory.decision.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Masks the applicant's ID number and phone wherever decisions are shown in bulk (lists,
 * exports) and to channel apps reading a decision back. Only an auditor's single-decision view
 * shows the full values, and that read is logged ({@link PersonalDataReadLog}).
 *
 * <p>The rule for both: keep a short head and tail, replace the rest with a fixed number of
 * stars, and keep them only when at least four characters are left hidden; a shorter value is
 * starred whole. Stored values are validated (18-character ID numbers, 11-digit phones), so the
 * other cases only guard against data that came in some other way, e.g. a 15-digit ID number of
 * the first generation.
 */
public final class PersonalData {
    private static final int ID_HEAD = 6;
    private static final int ID_TAIL = 4;
    private static final String ID_STARS = "********";
    private static final int PHONE_HEAD = 3;
    private static final int PHONE_TAIL = 4;
    private static final String PHONE_STARS = "****";
    /** Head and tail are shown only when at least this many characters stay hidden. */
    private static final int MIN_HIDDEN = 4;

    private PersonalData() {
    }

    /** {@code 150422197511020041} → {@code 150422********0041}; null stays null. */
    public static String maskIdNumber(String idNumber) {
        return mask(idNumber, ID_HEAD, ID_STARS, ID_TAIL);
    }

    /** {@code 13800138000} → {@code 138****8000}; null stays null. */
    public static String maskPhone(String phone) {
        return mask(phone, PHONE_HEAD, PHONE_STARS, PHONE_TAIL);
    }

    /**
     * A copy of a stored decision request with {@code applicant.idNumber} and
     * {@code applicant.phone} masked; everything else as it was. The tree passed in is left alone.
     */
    public static JsonNode maskRequest(JsonNode request) {
        if (request == null || !request.isObject()) return request;
        ObjectNode copy = ((ObjectNode) request).deepCopy();
        if (copy.get("applicant") instanceof ObjectNode applicant) {
            maskField(applicant, "idNumber", PersonalData::maskIdNumber);
            maskField(applicant, "phone", PersonalData::maskPhone);
        }
        return copy;
    }

    private static void maskField(ObjectNode parent, String field, java.util.function.UnaryOperator<String> masking) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) return;
        // a value of another JSON type is masked as its text, never passed through
        parent.put(field, masking.apply(value.asText()));
    }

    private static String mask(String value, int head, String stars, int tail) {
        if (value == null) return null;
        int length = value.codePointCount(0, value.length());
        if (length - head - tail < MIN_HIDDEN) return "*".repeat(length);
        int headEnd = value.offsetByCodePoints(0, head);
        int tailStart = value.offsetByCodePoints(value.length(), -tail);
        return value.substring(0, headEnd) + stars + value.substring(tailStart);
    }
}
