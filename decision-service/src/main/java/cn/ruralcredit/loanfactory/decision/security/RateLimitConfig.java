package cn.ruralcredit.loanfactory.decision.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/**
 * How much one caller may ask ({@code loanfactory.rate-limit.*}): requests per channel key, and
 * failed staff sign-ins per user and per address.
 */
@ConfigMapping(prefix = "loanfactory.rate-limit")
public interface RateLimitConfig {

    /** Every channel key's allowance, unless its channel has its own under {@code channels}. */
    Allowance channelKey();

    /** Allowances of particular channels, by channel code, e.g. {@code channels.BRANCH_TELLER.requests-per-second=200}. */
    Map<String, Allowance> channels();

    /** Failed staff sign-ins. */
    SignIn signIn();

    /** A token bucket: {@code requests-per-second} on average, up to {@code burst} at once. */
    interface Allowance {
        @WithDefault("50")
        double requestsPerSecond();

        @WithDefault("100")
        int burst();
    }

    interface SignIn {
        /** Failed sign-ins of one username within {@code window} that lock it for {@code lockout}. */
        @WithDefault("5")
        int maxFailuresPerUser();

        /** Failed sign-ins from one address (any usernames) within {@code window} that lock the address. */
        @WithDefault("20")
        int maxFailuresPerAddress();

        @WithDefault("15M")
        Duration window();

        /** How long a locked user or address is refused (429), unless an admin lifts the lock first. */
        @WithDefault("15M")
        Duration lockout();
    }
}
