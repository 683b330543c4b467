package cn.ruralcredit.loanfactory.decision.session;

import cn.ruralcredit.loanfactory.decision.platform.Causes;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import cn.ruralcredit.loanfactory.decision.security.StaffLogin;
import cn.ruralcredit.loanfactory.decision.security.StaffSessions;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;

/**
 * Sign-in, the signed-in user and sign-out of the browser workspace (README, "Staff sessions").
 * A password sign-in is the same check as HTTP Basic ({@link StaffLogin}); a sign-in through the
 * OIDC provider is exchanged for a workspace session that keeps the provider's roles. A channel
 * key never opens a session.
 */
@ApplicationScoped
public class SessionService {
    public static final String OIDC_SIGN_IN_PATH = "/api/v1/session/oidc";
    /** Where the browser goes once signed in through the provider. */
    public static final String WORKSPACE_PATH = "/admin/";
    static final String NO_CHANNEL_KEYS = "channel keys cannot open the staff workspace";

    @Inject
    StaffLogin login;
    @Inject
    StaffSessions sessions;
    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
    boolean oidc;
    @ConfigProperty(name = "quarkus.http.auth.basic", defaultValue = "true")
    boolean password;

    /** A new session: its token (for the cookie) and what the page is told. */
    public record Opened(String token, SessionView view) {
    }

    public SignInOptions options() {
        return new SignInOptions(password, oidc, oidc ? OIDC_SIGN_IN_PATH : null);
    }

    /** A password sign-in from {@code address}; {@code channelKey}: the request carried X-Api-Key. */
    public Opened signIn(SignInRequest body, String address, boolean channelKey) {
        if (channelKey) throw ProblemException.forbidden(NO_CHANNEL_KEYS);
        if (!password) {
            throw ProblemException.forbidden("password sign-in is off here: sign in through the identity provider ("
                    + OIDC_SIGN_IN_PATH + ")");
        }
        if (body == null) throw FieldErrors.missingBody();
        new FieldErrors()
                .refuseIf(FieldErrors.blank(body.username()), "username", "is required")
                .refuseIf(body.password() == null || body.password().isEmpty(), "password", "is required")
                .throwIfAny();
        SecurityIdentity identity;
        try {
            identity = login.signIn(body.username(), body.password(), address);
        } catch (AuthenticationFailedException refused) {
            StaffLogin.Locked locked = Causes.first(refused, StaffLogin.Locked.class);
            if (locked != null) {
                throw ProblemException.tooManyRequests(StaffLogin.Locked.detail(locked.retryAfterSeconds()), locked.retryAfterSeconds());
            }
            throw new ProblemException(401, "Unauthorized", "the username or password was not accepted");
        }
        String token = sessions.open(identity.getPrincipal().getName(), null);
        return new Opened(token, view(identity.getPrincipal().getName(), identity.getRoles(), token));
    }

    /** The session of {@code identity}; 401 when it did not come from a session (e.g. Basic). */
    public SessionView current(SecurityIdentity identity) {
        String token = identity.getAttribute(StaffSessions.TOKEN_ATTRIBUTE);
        if (token == null) {
            throw new ProblemException(401, "Unauthorized", "no staff session: sign in with POST /api/v1/session");
        }
        return view(identity.getPrincipal().getName(), identity.getRoles(), token);
    }

    /**
     * After a sign-in through the OIDC provider: a workspace session with the provider's staff
     * roles. Null when {@code identity} already came from a session (nothing to open).
     */
    public Opened afterProviderSignIn(SecurityIdentity identity) {
        if (identity.getAttribute(StaffSessions.TOKEN_ATTRIBUTE) != null) return null;
        if (identity.hasRole(Roles.CHANNEL)) throw ProblemException.forbidden(NO_CHANNEL_KEYS);
        if (!oidc) throw ProblemException.notFound("sign-in through an OIDC provider is not configured here");
        Set<String> roles = StaffLogin.staffRoles(identity.getRoles());
        if (roles.isEmpty()) throw ProblemException.forbidden("the identity provider gave this user none of the staff roles");
        String username = identity.getPrincipal().getName();
        String token = sessions.open(username, roles);
        return new Opened(token, view(username, roles, token));
    }

    /** Ends the session with {@code token}, if any; {@code channelKey}: the request carried X-Api-Key. */
    public void signOut(String token, boolean channelKey) {
        if (channelKey) throw ProblemException.forbidden(NO_CHANNEL_KEYS);
        sessions.close(token);
    }

    public String cookie(String token) {
        return sessions.cookie(token);
    }

    public String clearedCookie() {
        return sessions.clearedCookie();
    }

    private SessionView view(String username, Set<String> roles, String token) {
        return new SessionView(username, StaffLogin.STAFF_ROLES.stream().filter(roles::contains).toList(),
                token == null ? null : StaffSessions.csrfToken(token), sessions.idleTimeoutSeconds());
    }
}
