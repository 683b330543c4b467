package cn.ruralcredit.loanfactory.rules.request;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/** The 18-character resident identity number (GB 11643): format, ISO 7064 MOD 11-2 check, birth date. */
public final class ChineseIdNumber {
    private static final Pattern FORMAT = Pattern.compile("\\d{17}[\\dX]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private ChineseIdNumber() {
    }

    public static boolean hasValidFormat(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }

    /** The check character the first 17 digits call for. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public static boolean hasValidCheckCharacter(String id) {
        return id.charAt(17) == checkCharacter(id.substring(0, 17));
    }

    /** The birth date in characters 7–14, if it is a real date. */
    public static Optional<LocalDate> birthDate(String id) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)), Integer.parseInt(id.substring(12, 14))));
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
