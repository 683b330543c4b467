package cn.ruralcredit.loanfactory.decision.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Staff passwords as bcrypt hashes in modular crypt format ({@code $2a$12$...}). */
@ApplicationScoped
public class Passwords {

    @Inject
    SecurityConfig config;

    private volatile String standInHash;

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, config.bcryptCost());
    }

    /**
     * Whether {@code password} matches {@code hash}. With no hash (no such user) a stand-in hash
     * is checked anyway, so that an unknown username takes as long to refuse as a wrong password.
     */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            BcryptUtil.matches(password, standIn());
            return false;
        }
        try {
            return BcryptUtil.matches(password, hash);
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }

    private String standIn() {
        String h = standInHash;
        if (h == null) standInHash = h = hash("no user has this password");
        return h;
    }
}
