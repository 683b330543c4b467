package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.catalog.security.AppUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Staff logins (HTTP Basic) against {@code app_user}: an enabled user whose password matches its
 * bcrypt hash gets the staff roles stored with it, read at every login so that a change of roles
 * or a disabled account takes effect at the next request. Unknown user, wrong password and
 * disabled account are all the same 401 to the caller.
 */
@ApplicationScoped
public class StaffIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    /** The roles a staff user may hold; {@link Roles#CHANNEL} belongs to API keys only. */
    public static final List<String> STAFF_ROLES = List.of(Roles.PRODUCT_MANAGER, Roles.APPROVER, Roles.AUDITOR, Roles.ADMIN,
            Roles.CREDIT_OFFICER);

    @Inject
    Passwords passwords;
    @Inject
    SignInLimits limits;

    private record Account(String username, String passwordHash, List<String> roles, boolean enabled) {
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = http == null ? null : SignInGate.address(http);
        return context.runBlocking(() -> {
            if (limits.lockedFor(request.getUsername(), address) > 0) {
                // SignInGate answers 429 to later requests; one that got past it meanwhile is simply refused
                throw new AuthenticationFailedException("staff login locked");
            }
            try {
                SecurityIdentity identity = login(request.getUsername(), new String(request.getPassword().getPassword()));
                limits.succeeded(request.getUsername());
                return identity;
            } catch (AuthenticationFailedException refused) {
                limits.failed(request.getUsername(), address);
                throw refused;
            }
        });
    }

    private SecurityIdentity login(String username, String password) {
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
        Set<String> roles = account.get().roles().stream().filter(STAFF_ROLES::contains).collect(Collectors.toSet());
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.get().username()))
                .addRoles(roles)
                .build();
    }
}
