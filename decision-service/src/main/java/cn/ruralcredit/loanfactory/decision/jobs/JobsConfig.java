package cn.ruralcredit.loanfactory.decision.jobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How background jobs (replay campaigns, simulations) run. */
@ConfigMapping(prefix = "loanfactory.jobs")
public interface JobsConfig {
    /** Decisions evaluated and committed together; a stop loses at most one chunk of work, never counts. */
    @WithDefault("250")
    int chunkSize();

    /** How often a node looks for queued jobs, and for jobs another node stopped running. */
    @WithDefault("1S")
    Duration pollInterval();

    /** A running job whose owner sent no heartbeat (a committed chunk) for this long may be taken over. */
    @WithDefault("60S")
    Duration lease();

    /**
     * This node's name in {@code background_job.owner}. Stable across restarts (the host name by
     * default), so that a restarted node resumes its own jobs at once instead of after the lease.
     */
    Optional<String> nodeId();

    /** Jobs one user may have waiting or running at once; one more is a 429. */
    @WithDefault("3")
    int maxQueuedPerUser();

    /** Jobs all users together may have waiting or running at once; one more is a 429. */
    @WithDefault("20")
    int maxQueued();

    /**
     * The most days one job may cover (from and to inclusive). No decision is decided after
     * today, so {@code to} may not be later either.
     */
    @WithDefault("3660")
    int maxRangeDays();
}
