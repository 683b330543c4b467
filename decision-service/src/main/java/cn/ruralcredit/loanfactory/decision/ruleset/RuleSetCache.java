package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.compile.RuleCompiler;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Compiled rule sets by content sha256: each content is compiled once into an immutable KieBase
 * and shared by every decision that uses it. The content is checked against the sha256 the
 * catalog recorded, so an altered stored rule set is refused rather than evaluated.
 */
@ApplicationScoped
public class RuleSetCache {
    private static final Logger LOG = Logger.getLogger(RuleSetCache.class);

    private final RuleCompiler compiler = new RuleCompiler();
    private final Map<String, CompiledRuleSet> compiled = new ConcurrentHashMap<>();

    /**
     * Keeps a rule set compiled elsewhere (the publish step's validation) for {@code sha256}, so it
     * is not compiled twice; refused when it was compiled from other content.
     */
    public CompiledRuleSet adopt(String sha256, CompiledRuleSet ruleSet) {
        if (!ruleSet.sha256().equals(sha256)) {
            throw new RuleSetIntegrityException("rule set compiled from content hashing to " + ruleSet.sha256()
                    + ", not to its recorded sha256 " + sha256);
        }
        return compiled.computeIfAbsent(sha256, sha -> ruleSet);
    }

    /** Whether the content with {@code sha256} is compiled and ready. */
    public boolean contains(String sha256) {
        return compiled.containsKey(sha256);
    }

    public CompiledRuleSet get(String sha256, Supplier<Map<String, String>> files) {
        CompiledRuleSet hit = compiled.get(sha256);
        if (hit != null) return hit;
        return compiled.computeIfAbsent(sha256, sha -> {
            RuleSetSource source = new RuleSetSource(files.get());
            if (!source.sha256().equals(sha)) {
                throw new RuleSetIntegrityException("stored rule set content hashes to " + source.sha256()
                        + ", not to its recorded sha256 " + sha);
            }
            long started = System.nanoTime();
            CompiledRuleSet result = compiler.compile(source);
            LOG.infof("compiled rule set %s in %d ms", sha.substring(0, 12), (System.nanoTime() - started) / 1_000_000);
            return result;
        });
    }
}
