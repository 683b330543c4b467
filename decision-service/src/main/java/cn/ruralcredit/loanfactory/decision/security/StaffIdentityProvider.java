package cn.ruralcredit.loanfactory.decision.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Staff logins (HTTP Basic) against {@code app_user}, checked by {@link StaffLogin} like the
 * workspace's session sign-in: roles read at every login, so that a change of roles or a disabled
 * account takes effect at the next request; unknown user, wrong password and disabled account
 * are all the same 401 to the caller. {@link SignInGate} answers 429 to a locked username before
 * this runs; a request that got past it meanwhile is simply refused.
 */
@ApplicationScoped
public class StaffIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    /** The roles a staff user may hold; {@link Roles#CHANNEL} belongs to API keys only. */
    public static final List<String> STAFF_ROLES = StaffLogin.STAFF_ROLES;

    @Inject
    StaffLogin login;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = http == null ? null : SignInGate.address(http);
        return context.runBlocking(() ->
                login.signIn(request.getUsername(), new String(request.getPassword().getPassword()), address));
    }
}
