package cn.ruralcredit.loanfactory.rules.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits DRL text into the tokens the sandbox checks: identifiers (keywords included), numbers,
 * string literals and single punctuation characters. Comments and whitespace are skipped; string
 * and character literals become one token each, so their content is never read as code. Every
 * token keeps its exact 1-based line and column (columns count UTF-16 code units, a tab is one
 * column; {@code \r\n}, {@code \r} and {@code \n} each end a line).
 *
 * <p>The lexer has to read the text the way the DRL parser and the Java compiler do, or code
 * could hide where the sandbox sees a comment or a string. Where they could differ it does not
 * guess: it reports a {@link Lexed.Issue} and the rule set is refused. That covers {@code \}u
 * escapes anywhere (the Java compiler decodes them before it sees strings or comments, so
 * {@code \}u000a ends a {@code //} comment), invisible and control characters (the compiler
 * ignores some of them inside identifiers), a string or character literal not closed on its line,
 * an unclosed block comment, Java text blocks, and {@code #} (a DRL line comment or inline cast).
 */
final class DrlLexer {

    enum Kind { IDENT, NUMBER, STRING, PUNCT }

    /**
     * One token. {@code text} of an identifier has identifier-ignorable characters removed (they
     * are reported separately), so {@code Sys\u200Btem} is checked as {@code System}.
     */
    record Token(Kind kind, String text, int line, int column, int offset, int end) {
        boolean is(String s) {
            return text.equals(s);
        }

        boolean isPunct(char c) {
            return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == c;
        }

        boolean isIdent() {
            return kind == Kind.IDENT;
        }
    }

    record Lexed(List<Token> tokens, List<Issue> issues) {
        record Issue(int line, int column, String construct, String message) {
        }
    }

    private final String text;
    private final int[] lineStarts;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Lexed.Issue> issues = new ArrayList<>();

    private DrlLexer(String text) {
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    static Lexed lex(String text) {
        DrlLexer lexer = new DrlLexer(text);
        lexer.scanCharacters();
        lexer.scanTokens();
        return new Lexed(List.copyOf(lexer.tokens), List.copyOf(lexer.issues));
    }

    // --- positions ---

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            if (lineEnd) {
                if (count == starts.length) starts = Arrays.copyOf(starts, count * 2);
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    private void issue(int offset, String construct, String message) {
        issues.add(new Lexed.Issue(line(offset), column(offset), construct, message));
    }

    // --- whole-text checks: what can make the text read differently from how it looks ---

    private void scanCharacters() {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
                issue(i, "UNICODE_ESCAPE", "a \\u escape is refused anywhere in a rule set, strings and comments"
                        + " included: the Java compiler decodes it before it reads strings and comments, so it"
                        + " can hide code. Write the character itself");
            } else if (hidden(cp, i)) {
                issue(i, "HIDDEN_CHARACTER", String.format("the invisible or control character U+%04X is refused:"
                        + " it can make code read differently from how it looks. Only tab, line breaks, form"
                        + " feed and visible characters are allowed", cp));
            }
            i += Character.charCount(cp);
        }
    }

    private static boolean hidden(int cp, int offset) {
        if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f') return false;
        if (cp == 0xFEFF && offset == 0) return false; // a byte order mark at the start of the file
        return Character.isISOControl(cp)
                || Character.isIdentifierIgnorable(cp)
                || Character.getType(cp) == Character.FORMAT
                || cp == 0x2028 || cp == 0x2029;
    }

    // --- tokens ---

    private void scanTokens() {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r' || (c == 0xFEFF && i == 0)) {
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                i = endOfLine(i);
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    issue(i, "SYNTAX", "this block comment is not closed: everything after it would be"
                            + " unchecked. Close it with */");
                    i = n;
                } else {
                    i = close + 2;
                }
            } else if (c == '"' && text.startsWith("\"\"\"", i)) {
                issue(i, "SYNTAX", "Java text blocks (\"\"\") are refused: write an ordinary string literal");
                int close = text.indexOf("\"\"\"", i + 3);
                i = close < 0 ? n : close + 3;
            } else if (c == '"' || c == '\'') {
                i = quoted(i, c);
            } else if (c == '#') {
                issue(i, "SYNTAX", "'#' (a DRL line comment or inline cast) is refused outside strings:"
                        + " use // or /* */ for comments");
                i++;
            } else if (Character.isJavaIdentifierStart(text.codePointAt(i))) {
                int start = i;
                StringBuilder name = new StringBuilder();
                while (i < n && Character.isJavaIdentifierPart(text.codePointAt(i))) {
                    int cp = text.codePointAt(i);
                    if (!Character.isIdentifierIgnorable(cp)) name.appendCodePoint(cp);
                    i += Character.charCount(cp);
                }
                add(Kind.IDENT, name.toString(), start, i);
            } else if (c >= '0' && c <= '9') {
                // digits, underscores and a fraction; letters after a number (0x1F, 10L, 1e5, 2s)
                // start an identifier of their own, so no name can hide inside a number
                int start = i;
                while (i < n && (isDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || (text.charAt(i) == '.' && i + 1 < n && isDigit(text.charAt(i + 1))))) {
                    i++;
                }
                add(Kind.NUMBER, text.substring(start, i), start, i);
            } else {
                int cp = text.codePointAt(i);
                int end = i + Character.charCount(cp);
                add(Kind.PUNCT, text.substring(i, end), i, end);
                i = end;
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int endOfLine(int i) {
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
        return i;
    }

    /** A string or character literal; it must close on its own line. Returns the offset after it. */
    private int quoted(int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') break;
            if (c == '\\') {
                if (i + 1 < text.length() && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r')) break;
                i += 2;
                continue;
            }
            if (c == quote) {
                add(Kind.STRING, text.substring(start, i + 1), start, i + 1);
                return i + 1;
            }
            i++;
        }
        issue(start, "SYNTAX", (quote == '"' ? "this string literal" : "this quoted literal")
                + " is not closed on its line: close it before the end of the line");
        return Math.min(i, text.length());
    }

    private void add(Kind kind, String tokenText, int start, int end) {
        tokens.add(new Token(kind, tokenText, line(start), column(start), start, end));
    }
}
