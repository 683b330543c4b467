package cn.ruralcredit.loanfactory.decision.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Staff sessions of the browser workspace ({@code loanfactory.session.*}, README "Staff sessions"). */
@ConfigMapping(prefix = "loanfactory.session")
public interface SessionConfig {

    /** A session not used for this long ends. */
    @WithDefault("30M")
    Duration idleTimeout();

    /** A session ends this long after its sign-in, however busy. */
    @WithDefault("12H")
    Duration maxAge();

    /**
     * Whether the session cookie is marked {@code Secure} (sent over HTTPS only). Off for
     * {@code ./run} on http://localhost; production behind TLS sets it true.
     */
    @WithDefault("false")
    boolean secureCookie();
}
