package cn.ruralcredit.loanfactory.decision.platform;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits on what one request may send ({@code loanfactory.http.*}); see {@link RequestBodies}. */
@ConfigMapping(prefix = "loanfactory.http")
public interface HttpLimitsConfig {

    /** The largest body of a decision or an offers request ({@code POST /api/v1/decisions}, {@code /api/v1/offers}). */
    @WithDefault("64K")
    @WithConverter(MemorySizeConverter.class)
    MemorySize decisionBodyLimit();

    /** The largest body of any other API request (rule set files of a draft, scenario files). */
    @WithDefault("1M")
    @WithConverter(MemorySizeConverter.class)
    MemorySize bodyLimit();

    /**
     * How long a client may take to send a whole request body, from the end of its headers. A
     * body still incomplete then is a 408 and the connection is closed.
     */
    @WithDefault("10S")
    Duration bodyTimeout();
}
