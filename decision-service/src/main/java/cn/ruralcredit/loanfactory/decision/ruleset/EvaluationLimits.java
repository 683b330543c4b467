package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.rules.engine.DecisionEngine;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The run-time bounds of one evaluation. A decision that reaches either fails closed (a 500
 * problem and an error log), never with an approval.
 */
@ConfigMapping(prefix = "loanfactory.evaluation")
public interface EvaluationLimits {
    /** Rule firings per decision; the seed rule sets fire 20-30. */
    @WithDefault("10000")
    int maxFirings();

    /** Wall-clock time per decision; the seed rule sets take well under a millisecond once warm. */
    @WithDefault("2S")
    Duration maxDuration();

    /**
     * Compiled rule sets held in memory at most, beyond those serving decisions (in force, or
     * approved for publication), which are always kept; the rest are compiled again when needed.
     */
    @WithDefault("24")
    int maxResidentRuleSets();

    /** The one engine every decision, offer, test run and diff evaluates with. */
    @ApplicationScoped
    class EngineProducer {
        @Produces
        @Singleton
        DecisionEngine engine(EvaluationLimits limits) {
            return new DecisionEngine(limits.maxFirings(), limits.maxDuration());
        }
    }
}
