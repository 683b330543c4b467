package cn.ruralcredit.loanfactory.decision.admin;

import cn.ruralcredit.loanfactory.catalog.security.ChannelKey;

import java.time.Instant;

/** A channel key as the admin API lists it: its prefix only, never the key or its hash. */
public record ChannelKeyView(long id, String channel, String keyPrefix, boolean active, Instant createdAt, String createdBy,
                             Instant revokedAt, String revokedBy) {

    static ChannelKeyView of(ChannelKey k) {
        return new ChannelKeyView(k.id, k.channel, k.keyPrefix, k.active(), k.createdAt, k.createdBy, k.revokedAt, k.revokedBy);
    }
}
