package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.catalog.security.AppUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one staff sign-in against {@code app_user}, used by HTTP Basic ({@link StaffIdentityProvider})
 * and by the workspace's session sign-in ({@code POST /api/v1/session}): a locked username or
 * address is refused before bcrypt runs ({@link Locked}); an enabled user whose password matches
 * its bcrypt hash gets the staff roles stored with it; unknown user, wrong password and disabled
 * account are the same refusal and count towards the lock ({@link SignInLimits}). Blocking: call
 * it on a worker thread.
 */
@ApplicationScoped
public class StaffLogin {
    /** The roles a staff user may hold; {@link Roles#CHANNEL} belongs to API keys only. */
    public static final List<String> STAFF_ROLES = List.of(Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR, Roles.ADMIN,
            Roles.CREDIT_OFFICER);

    /**
     * The cause of the {@link AuthenticationFailedException} (a final class) of a locked username
     * or address: refused without checking the password.
     */
    public static class Locked extends RuntimeException {
        private final long retryAfterSeconds;

        Locked(long retryAfterSeconds) {
            super("staff login locked", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        /** The detail of the 429, the same for Basic ({@link SignInGate}) and session sign-ins. */
        public static String detail(long wait) {
            return "too many failed sign-ins for this user or from this address; try again in " + wait
                    + " s, or ask an admin to lift the lock";
        }
    }

    @Inject
    Passwords passwords;
    @Inject
    SignInLimits limits;

    private record Account(String username, String passwordHash, List<String> roles, boolean enabled) {
    }

    /**
     * The identity of {@code username} signing in with {@code password} from {@code address}.
     *
     * @throws AuthenticationFailedException when the credentials are not accepted, or with cause
     *         {@link Locked} when the username or the address is locked
     */
    public SecurityIdentity signIn(String username, String password, String address) {
        long wait = limits.lockedFor(username, address);
        if (wait > 0) throw new AuthenticationFailedException(new Locked(wait));
        try {
            SecurityIdentity identity = check(username, password);
            limits.succeeded(username);
            return identity;
        } catch (AuthenticationFailedException refused) {
            limits.failed(username, address);
            throw refused;
        }
    }

    /** The staff roles among {@code roles}. */
    public static Set<String> staffRoles(Collection<String> roles) {
        return roles.stream().filter(STAFF_ROLES::contains).collect(Collectors.toSet());
    }

    private SecurityIdentity check(String username, String password) {
        // a password longer than bcrypt reads, or with control characters, was never set: refused
        // without the cost of bcrypt (a 72-byte password plus any suffix would otherwise pass)
        if (!PasswordPolicy.possible(password)) throw new AuthenticationFailedException("staff login refused");
        // the database compares exactly (utf8mb4_nopad_bin, V7.1); so does this, whatever the collation
        Optional<Account> account = QuarkusTransaction.requiringNew().call(() -> AppUser.findByUsername(username)
                .filter(u -> u.username.equals(username))
                .map(u -> new Account(u.username, u.passwordHash, u.roleList(), u.enabled)));
        // bcrypt runs outside the transaction: no connection is held while it works
        boolean matches = passwords.matches(password, account.map(Account::passwordHash).orElse(null));
        if (!matches || !account.get().enabled()) throw new AuthenticationFailedException("staff login refused");
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.get().username()))
                .addRoles(staffRoles(account.get().roles()))
                .build();
    }
}
