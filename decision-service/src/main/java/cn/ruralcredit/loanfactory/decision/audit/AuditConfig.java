package cn.ruralcredit.loanfactory.decision.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code loanfactory.audit.*}: the sealer of the tamper-evident decision log. */
@ConfigMapping(prefix = "loanfactory.audit")
public interface AuditConfig {
    /**
     * The development key of application.properties: public, so seals made with it prove nothing.
     * The service warns at start when it runs outside dev and test with it.
     */
    String DEV_SEAL_KEY = "lf-dev-seal-key-public-do-not-use-in-production";

    /**
     * The secret HMAC key that signs every seal (LOANFACTORY_AUDIT_SEAL_KEY, at least 32
     * characters). It cannot change without re-sealing: seals signed with another key fail
     * verification.
     */
    String sealKey();

    /** Pause between two background seals: records younger than this may not be sealed yet. */
    @WithDefault("1S")
    Duration sealInterval();

    /** Records per sealed batch (one transaction, one seal row); a seal takes batches until none is left. */
    @WithDefault("2000")
    int sealBatchSize();
}
