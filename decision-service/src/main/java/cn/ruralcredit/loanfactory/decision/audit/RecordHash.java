package cn.ruralcredit.loanfactory.decision.audit;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The sha256 of one stored decision: every column of the {@code decision} row but the log's own
 * ({@code record_hash}, {@code seal_seq}, {@code chain_hash}), so that any change to a stored
 * decision changes it. The serialisation is unambiguous: a version tag, then each field in a fixed
 * order as a 4-byte length (-1 for SQL NULL) and its UTF-8 bytes, so that no two rows can run
 * into the same bytes. Values are written as MariaDB keeps them, so the hash of an entity about to
 * be inserted equals the hash of the row read back:
 * <ul>
 *   <li>decimals at the column's scale (2, rounded half up as MariaDB rounds), then without
 *       trailing zeros: {@code 80000}, {@code 80000.0} and {@code 80000.00} hash the same;</li>
 *   <li>{@code decidedAt} as epoch milliseconds (the column is {@code DATETIME(3)});</li>
 *   <li>{@code asOfDate} as ISO {@code yyyy-MM-dd}; strings as they are.</li>
 * </ul>
 * Changing this serialisation breaks every stored record hash: a new format needs a new tag.
 */
public final class RecordHash {
    static final String FORMAT = "loanfactory.decision.v1";
    private static final int DECIMAL_SCALE = 2;

    private RecordHash() {
    }

    /** Lower-case hex sha256 of {@code d}'s content. */
    public static String of(Decision d) {
        Fields f = new Fields();
        f.text(FORMAT);
        f.text(d.id);
        f.text(d.requestId);
        f.text(d.requestHash);
        f.text(d.productCode);
        f.text(Integer.toString(d.ruleSetVersion));
        f.text(d.ruleSetSha256);
        f.text(d.engineVersion);
        f.text(d.asOfDate == null ? null : d.asOfDate.toString());
        f.decimal(d.lprPct);
        f.text(d.outcome);
        f.decimal(d.creditLimit);
        f.decimal(d.annualRatePct);
        f.text(d.channel);
        f.text(d.requestJson);
        f.text(d.responseJson);
        f.text(d.firedRules);
        f.text(d.decidedAt == null ? null : Long.toString(d.decidedAt.toEpochMilli()));
        return HexFormat.of().formatHex(sha256(f.bytes()));
    }

    /** A decimal as MariaDB stores it in a DECIMAL(n, 2) column, in its shortest plain form. */
    static String decimal(BigDecimal value) {
        BigDecimal stored = value.setScale(DECIMAL_SCALE, RoundingMode.HALF_UP);
        return stored.signum() == 0 ? "0" : stored.stripTrailingZeros().toPlainString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class Fields {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

        void text(String value) {
            if (value == null) {
                length(-1);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            length(bytes.length);
            out.writeBytes(bytes);
        }

        void decimal(BigDecimal value) {
            text(value == null ? null : RecordHash.decimal(value));
        }

        private void length(int n) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
