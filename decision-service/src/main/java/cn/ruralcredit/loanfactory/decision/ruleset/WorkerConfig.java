package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.rules.worker.RuleWorkers;
import cn.ruralcredit.loanfactory.rules.worker.WorkerSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * The rule workers: separate JVMs where rule sets nobody has reviewed yet (drafts, versions in
 * review, rejected ones) are validated, tested and simulated, so that a hang, a stack overflow or
 * an exhausted heap in one of them costs a worker, never the service.
 */
@ConfigMapping(prefix = "loanfactory.worker")
public interface WorkerConfig {
    /** Worker processes at most; each does one validation, test case or simulated decision at a time. */
    @WithDefault("2")
    int processes();

    /** Each worker's heap. */
    @WithDefault("256")
    int maxHeapMb();

    /** How long a validation (parse, compile, guard) may take before its worker is killed. */
    @WithDefault("60S")
    Duration compileTimeout();

    /** How long staff requests (validate, test runs, diffs) wait for a free worker before a 503. */
    @WithDefault("20S")
    Duration staffWait();

    /** Rule-running staff requests (validate, test run, submit, diff) one person may have under way at once; more is a 429. */
    @WithDefault("2")
    int perUser();

    /** How long a simulation waits for a free worker before it fails. */
    @WithDefault("10M")
    Duration jobWait();

    /** The workers' class path; by default the service's own (quarkus-app/lib/main/*). */
    Optional<String> classPath();

    @ApplicationScoped
    class Producer {
        @Produces
        @Singleton
        RuleWorkers workers(WorkerConfig config, EvaluationLimits limits) {
            return new RuleWorkers(new WorkerSettings(config.classPath().orElseGet(WorkerSettings::defaultClassPath),
                    config.maxHeapMb(), config.processes(), limits.maxFirings(), limits.maxDuration(), config.compileTimeout()));
        }

        void close(@Disposes RuleWorkers workers) {
            workers.close();
        }
    }
}
