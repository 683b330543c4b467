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
}
