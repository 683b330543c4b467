package cn.ruralcredit.loanfactory.decision.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Staff of the browser workspace authenticate with the {@code lf_session} cookie
 * ({@link StaffSessions}). It is tried before every other mechanism: a request with the cookie
 * and a channel key ({@code X-Api-Key}) is refused (401), so that a channel key never rides on a
 * staff session, and an unknown or ended session is a 401, never left to another mechanism. A
 * request without the cookie is left to the others. No challenge of its own: a 401 carries the
 * Basic (or Bearer) one, which {@link SessionRoutes} removes for the workspace's own calls.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {
    /** Before Basic, OIDC and channel keys. */
    static final int PRIORITY = 3000;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(StaffSessions.COOKIE);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty()) return Uni.createFrom().nullItem();
        if (context.request().getHeader(ApiKeyAuthenticationMechanism.HEADER) != null) {
            return Uni.createFrom().failure(StaffSessions.refused("a channel key cannot be used with a staff session"));
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new SessionAuthenticationRequest(cookie.getValue()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, StaffSessions.COOKIE));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
