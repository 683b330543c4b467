package cn.ruralcredit.loanfactory.decision.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A new channel key: the only time {@code key} is ever shown. */
public record IssuedChannelKey(
        long id,
        String channel,
        @Schema(description = "send as X-Api-Key; shown only now, only its sha256 is stored") String key,
        String keyPrefix,
        Instant createdAt,
        String createdBy) {
}
