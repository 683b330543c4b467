package cn.ruralcredit.loanfactory.decision.problem;

import cn.ruralcredit.loanfactory.decision.platform.Causes;
import cn.ruralcredit.loanfactory.decision.security.StaffSessions;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem details, like every other error. A 401 keeps the challenge of the
 * mechanism that applies ({@code WWW-Authenticate: Basic realm="loan-factory"} by default,
 * {@code Bearer} when OIDC is on), so HTTP clients still know how to log in. The detail never
 * says whether a user exists, a password was wrong or a key was revoked.
 */
public class SecurityProblemMappers {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SecurityProblemMappers.class);
    private static final String LOG_IN = "log in as staff (HTTP Basic, an OIDC bearer token or a session of "
            + "POST /api/v1/session) or send a channel key in X-Api-Key";

    @ServerExceptionMapper
    public Uni<Response> notAuthenticated(UnauthorizedException e, RoutingContext context) {
        return unauthorized(context, "this operation needs credentials: " + LOG_IN);
    }

    /**
     * Credentials that could not be checked because the user store or the key store did not
     * answer are not refused credentials: a 503 the client retries, not a 401 that tells a channel
     * its key is bad.
     */
    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(AuthenticationFailedException e, RoutingContext context) {
        if (Causes.isStoreUnavailable(e)) {
            LOG.errorf(e, "credentials could not be checked: the store is unavailable");
            return Uni.createFrom().item(Problem.response(503, "Service Unavailable",
                    "the credentials could not be checked now; try again shortly", null));
        }
        // a staff session that ended, or a channel key sent with one: the reason is the client's to know
        Throwable session = Causes.first(e, StaffSessions.Refused.class);
        if (session != null) return unauthorized(context, session.getMessage());
        return unauthorized(context, "the credentials were not accepted: " + LOG_IN);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "Forbidden", "your role does not allow this operation", null);
    }

    private static Uni<Response> unauthorized(RoutingContext context, String detail) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem() : authenticator.getChallenge(context);
        return challenge.onFailure().recoverWithNull().map(c -> {
            Response.ResponseBuilder response = Problem.builder(401, "Unauthorized", detail, null);
            if (c != null) c.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
            return response.build();
        });
    }
}
