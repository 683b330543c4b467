package cn.ruralcredit.loanfactory.decision.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a channel key into the identity of its channel: role {@link Roles#CHANNEL}, principal
 * name and attribute {@link ChannelCaller#ATTRIBUTE} the channel code. The lookup may read the
 * database, so it runs on a worker thread.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    @Inject
    ChannelKeys keys;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> keys.channelOf(request.key())
                .map(channel -> channelIdentity(channel, ChannelKeys.sha256(request.key())))
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked channel key")));
    }

    private static SecurityIdentity channelIdentity(String channel, String keySha256) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(channel))
                .addRole(Roles.CHANNEL)
                .addAttribute(ChannelCaller.ATTRIBUTE, channel)
                .addAttribute(ChannelRateLimits.KEY_SHA256, keySha256)
                .build();
    }
}
