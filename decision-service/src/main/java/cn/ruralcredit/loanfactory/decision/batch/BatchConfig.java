package cn.ruralcredit.loanfactory.decision.batch;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How batch ratings and re-ratings run (README, "Batch rating"). */
@ConfigMapping(prefix = "loanfactory.batch")
public interface BatchConfig {
    /** Rows decided and committed together: a stop loses at most one chunk of work, never a row. */
    @WithDefault("500")
    int chunkSize();

    /**
     * Threads that decide the rows of a chunk at once (the job thread writes). Two on the 2-core
     * machines here; decisions of channel apps share the same cores.
     */
    @WithDefault("2")
    int decideThreads();

    /** The most data rows a file may have. */
    @WithDefault("200000")
    int maxRows();

    /** The largest file accepted. */
    @WithDefault("100M")
    @WithConverter(MemorySizeConverter.class)
    MemorySize maxFileSize();

    @WithDefault("1S")
    Duration pollInterval();

    /** A running job whose owner committed nothing for this long may be taken over by another node. */
    @WithDefault("60S")
    Duration lease();

    /** Batch and re-rating jobs one user may have waiting or running. */
    @WithDefault("3")
    int maxQueuedPerUser();

    /** Batch and re-rating jobs all users together may have waiting or running. */
    @WithDefault("20")
    int maxQueued();
}
