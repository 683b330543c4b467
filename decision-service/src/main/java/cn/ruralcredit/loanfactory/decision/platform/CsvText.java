package cn.ruralcredit.loanfactory.decision.platform;

/**
 * One CSV text field as RFC 4180 has it: in double quotes when it holds a comma, quote, CR or LF,
 * quotes doubled. A field that starts with {@code = + - @}, a tab or a CR gets a leading
 * apostrophe first: spreadsheets would otherwise run it as a formula, and much of what we export
 * (applicant names, requestIds, values of altered records) comes from outside (CSV injection).
 */
public final class CsvText {
    private CsvText() {
    }

    public static String field(String text) {
        if (text == null) return "";
        String value = startsLikeAFormula(text) ? "'" + text : text;
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static boolean startsLikeAFormula(String text) {
        if (text.isEmpty()) return false;
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
