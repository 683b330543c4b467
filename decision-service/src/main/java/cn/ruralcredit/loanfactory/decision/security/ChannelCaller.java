package cn.ruralcredit.loanfactory.decision.security;

import io.quarkus.security.identity.SecurityIdentity;

import java.util.Optional;

/**
 * The channel a caller speaks for. An identity created from an API key has the role
 * {@link Roles#CHANNEL}, the channel code as its principal name, and the channel code in the
 * attribute {@link #ATTRIBUTE}; read it through {@link #of(SecurityIdentity)}.
 */
public final class ChannelCaller {
    /** The {@link SecurityIdentity} attribute that holds the channel code of an API-key identity. */
    public static final String ATTRIBUTE = "loanfactory.channel";

    private ChannelCaller() {
    }

    /** The channel code when the caller is a channel app; empty for staff and anonymous callers. */
    public static Optional<String> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole(Roles.CHANNEL)) return Optional.empty();
        return Optional.ofNullable(identity.<String>getAttribute(ATTRIBUTE));
    }
}
