package cn.ruralcredit.loanfactory.decision.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of staff logins and channel keys ({@code loanfactory.security.*}). */
@ConfigMapping(prefix = "loanfactory.security")
public interface SecurityConfig {

    /**
     * How long a channel key, once looked up, is trusted without reading it again. A key revoked
     * on this node stops at once; on another node of a cluster within this time.
     */
    @WithDefault("30s")
    Duration channelKeyCacheTtl();

    /**
     * bcrypt cost (log2 of the rounds) of new password hashes; existing hashes keep theirs. Basic
     * checks the password at every request, so each step up doubles the CPU of every staff call:
     * 10 takes tens of milliseconds, 12 a few hundred on a small server.
     */
    @WithDefault("10")
    int bcryptCost();
}
