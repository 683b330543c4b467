package cn.ruralcredit.loanfactory.decision.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The channel to issue a key to. */
public record NewChannelKey(
        @Schema(required = true, pattern = "[A-Z][A-Z0-9_]{0,31}", description = "channel code, e.g. MOBILE_APP")
        String channel) {
}
