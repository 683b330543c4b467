package cn.ruralcredit.loanfactory.decision.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The arithmetic of the sealed log, shared by the sealer and the verifier. Each sealed record
 * links to the one before it: {@code chain_hash(n) = sha256(chain_hash(n-1) ‖ n ‖ record_hash(n))}
 * over the raw bytes (32 + 8 + 32), from 32 zero bytes before record 1. Each batch is closed by a
 * seal whose MAC (HMAC-SHA256 with the seal key) covers its numbers, its date span, the head it
 * continues from and the head it ends at.
 */
final class SealChain {
    static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    SealChain(String sealKey) {
        this.key = new SecretKeySpec(sealKey.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** The chain hash of record {@code seq} with {@code recordHash}, after {@code previous}. */
    static String link(String previous, long seq, String recordHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HEX.parseHex(previous));
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
            sha.update(HEX.parseHex(recordHash));
            return HEX.formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hex MAC of a seal. */
    String mac(Seal seal) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return HEX.formatHex(mac.doFinal(macInput(seal).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC, e);
        }
    }

    /** Whether {@code seal} carries the MAC this key gives it (compared in constant time). */
    boolean macMatches(Seal seal) {
        return seal.mac() != null && MessageDigest.isEqual(mac(seal).getBytes(StandardCharsets.US_ASCII),
                seal.mac().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Every field but the MAC, the key id and sealed_at, '|'-separated: numbers and hex only, so
     * unambiguous. The key id needs no MAC of its own: a seal whose id was changed is checked with
     * another key, and fails.
     */
    static String macInput(Seal s) {
        return "loanfactory.seal.v1|" + s.batchNo() + "|" + s.firstSeq() + "|" + s.lastSeq() + "|" + s.recordCount()
                + "|" + s.minDecidedAtMillis() + "|" + s.maxDecidedAtMillis() + "|" + s.prevHead() + "|" + s.head();
    }

    /** A row of {@code decision_seal}; {@code keyId} names the key of {@code mac}. */
    record Seal(long batchNo, long firstSeq, long lastSeq, int recordCount, long minDecidedAtMillis,
                long maxDecidedAtMillis, String prevHead, String head, String mac, String keyId) {
    }
}
