package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.decision.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Applies {@link ChannelRateLimits} to every request a channel app makes with its key, after the
 * key is authenticated: over its allowance, a 429 with {@code Retry-After}, and nothing done.
 */
public class ChannelRateLimitFilter {
    private static final Logger LOG = Logger.getLogger(ChannelRateLimitFilter.class);

    @Inject
    SecurityIdentity identity;
    @Inject
    ChannelRateLimits limits;

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request) {
        if (request.getHeaderString(ApiKeyAuthenticationMechanism.HEADER) == null) return Optional.empty();
        String key = identity.getAttribute(ChannelRateLimits.KEY_SHA256);
        if (key == null) return Optional.empty();
        String channel = identity.getPrincipal().getName();
        long wait = limits.take(key, channel);
        if (wait == 0) return Optional.empty();
        LOG.debugf("channel %s over its request allowance; %d s to wait", channel, wait);
        return Optional.of(Problem.builder(429, "Too Many Requests", "this channel key has made more requests than its "
                        + "allowance; try again in " + wait + " s", null)
                .header("Retry-After", wait).build());
    }
}
