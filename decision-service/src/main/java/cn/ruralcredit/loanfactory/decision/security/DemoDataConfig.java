package cn.ruralcredit.loanfactory.decision.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code loanfactory.demo-data.enabled}: create the README's demo users and channel key at start. */
@ConfigMapping(prefix = "loanfactory.demo-data")
public interface DemoDataConfig {

    /** True by default, for the embedded database of {@code ./run}; set it false in production. */
    @WithDefault("true")
    boolean enabled();
}
