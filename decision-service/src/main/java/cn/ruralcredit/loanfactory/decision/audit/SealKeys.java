package cn.ruralcredit.loanfactory.decision.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys of the sealed log: the current one, which signs every new seal, and the old ones, kept
 * only to verify the seals they signed before a rotation. Each seal names its key by id.
 */
final class SealKeys {
    static final int MIN_KEY_LENGTH = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private final String currentId;
    private final SealChain current;
    private final Map<String, SealChain> old;

    private SealKeys(String currentId, SealChain current, Map<String, SealChain> old) {
        this.currentId = currentId;
        this.current = current;
        this.old = old;
    }

    /**
     * The current key {@code currentKey} with id {@code currentId}, and {@code oldKeys} (id to key)
     * for verifying only; refuses short keys, bad ids, and an old key under the current id.
     */
    static SealKeys of(String currentId, String currentKey, Map<String, String> oldKeys) {
        checkId(currentId, "loanfactory.audit.seal-key-id");
        checkKey(currentKey, "loanfactory.audit.seal-key (LOANFACTORY_AUDIT_SEAL_KEY)");
        Map<String, SealChain> old = new LinkedHashMap<>();
        oldKeys.forEach((id, key) -> {
            checkId(id, "an id of loanfactory.audit.old-seal-keys");
            checkKey(key, "loanfactory.audit.old-seal-keys." + id);
            if (id.equals(currentId)) {
                throw new IllegalStateException("loanfactory.audit.old-seal-keys." + id + " has the id of the current seal key");
            }
            old.put(id, new SealChain(key));
        });
        return new SealKeys(currentId, new SealChain(currentKey), Map.copyOf(old));
    }

    private static void checkId(String id, String setting) {
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException(setting + " must be 1 to 32 letters, digits, '_', '.' or '-'");
        }
    }

    private static void checkKey(String key, String setting) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException(setting + " must have at least " + MIN_KEY_LENGTH + " characters");
        }
    }

    String currentId() {
        return currentId;
    }

    /** Signs a new seal: always the current key. */
    String sign(SealChain.Seal seal) {
        return current.mac(seal);
    }

    boolean isCurrent(String keyId) {
        return currentId.equals(keyId);
    }

    /** The key that verifies seals signed with {@code keyId}: the current one or an old one; empty if unknown. */
    Optional<SealChain> verifier(String keyId) {
        return isCurrent(keyId) ? Optional.of(current) : Optional.ofNullable(old.get(keyId));
    }

    java.util.Set<String> oldIds() {
        return old.keySet();
    }
}
