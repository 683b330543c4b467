package cn.ruralcredit.loanfactory.decision.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** {@code loanfactory.audit.*}: the sealer of the tamper-evident decision log. */
@ConfigMapping(prefix = "loanfactory.audit")
public interface AuditConfig {
    /**
     * The development key of application.properties: public, so seals made with it prove nothing.
     * The service warns at start when it runs outside dev and test with it.
     */
    String DEV_SEAL_KEY = "lf-dev-seal-key-public-do-not-use-in-production";

    /**
     * The secret HMAC key that signs every new seal (LOANFACTORY_AUDIT_SEAL_KEY, at least 32
     * characters). To rotate it, give the new key a new {@link #sealKeyId()} and move the old one
     * into {@link #oldSealKeys()} under its id: seals it made still verify.
     */
    String sealKey();

    /** The id of {@link #sealKey()}, written into each seal it signs (LOANFACTORY_AUDIT_SEAL_KEY_ID). */
    @WithDefault("k1")
    String sealKeyId();

    /**
     * Keys that signed seals before a rotation, by id ({@code loanfactory.audit.old-seal-keys.<id>=<key>}):
     * they verify those seals and never sign. A seal that names an id found neither here nor as
     * {@link #sealKeyId()} fails verification.
     */
    Map<String, String> oldSealKeys();

    /** Pause between two background seals: records younger than this may not be sealed yet. */
    @WithDefault("1S")
    Duration sealInterval();

    /** Records per sealed batch (one transaction, one seal row); a seal takes batches until none is left. */
    @WithDefault("2000")
    int sealBatchSize();
}
