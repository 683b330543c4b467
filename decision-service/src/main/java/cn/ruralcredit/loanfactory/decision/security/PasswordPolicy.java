package cn.ruralcredit.loanfactory.decision.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a staff password must be. bcrypt reads only the first 72 bytes, so a longer password
 * would not mean what it says (any suffix would pass); control characters (NUL among them) are
 * not typed by people and are cut off or mangled by some tools; spaces alone are no secret.
 */
public final class PasswordPolicy {
    /** Characters other than white space a new password needs. */
    public static final int FEWEST_REAL_CHARACTERS = 12;
    /** bcrypt's limit. */
    public static final int MOST_BYTES = 72;

    private PasswordPolicy() {
    }

    /** Why {@code password} may not be set, one message per reason; empty when it may. */
    public static List<String> problemsOfNew(String password) {
        List<String> problems = new ArrayList<>();
        if (password == null) {
            problems.add("is required");
            return problems;
        }
        long real = password.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).count();
        if (real < FEWEST_REAL_CHARACTERS) {
            problems.add("must have at least " + FEWEST_REAL_CHARACTERS + " characters other than spaces");
        }
        if (bytes(password) > MOST_BYTES) problems.add("must be at most " + MOST_BYTES + " bytes (UTF-8)");
        if (hasControl(password)) problems.add("must not contain control characters (such as NUL, tab or line breaks)");
        return problems;
    }

    /**
     * Whether {@code password} could be a staff password at all. One that could not is refused at
     * sign-in without checking it: bcrypt would compare only its first 72 bytes.
     */
    public static boolean possible(String password) {
        return password != null && bytes(password) <= MOST_BYTES && !hasControl(password);
    }

    private static int bytes(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean hasControl(String password) {
        return password.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL);
    }
}
