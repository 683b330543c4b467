package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.rules.compile.RuleCompiler;
import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Compiled rule sets by content sha256: each content is compiled once (through the rule guard)
 * into an immutable KieBase and shared by every decision that uses it. The content is checked
 * against the sha256 the catalog recorded, so an altered stored rule set is refused rather than
 * evaluated.
 *
 * <p>What stays resident is bounded. Versions that serve decisions (in force, or approved and
 * about to be published: {@link #serving}) are kept while they keep serving; the others (replays
 * of retired versions, diffs) are evicted, least recently used first, once more than
 * {@link EvaluationLimits#maxResidentRuleSets()} are held, and compiled again on demand. A year
 * of publishing therefore does not grow the heap and Metaspace without bound.
 */
@ApplicationScoped
public class RuleSetCache {
    private static final Logger LOG = Logger.getLogger(RuleSetCache.class);
    /** A version that served a decision this recently is not evicted. */
    static final Duration SERVING = Duration.ofMinutes(10);

    private final RuleCompiler compiler = new RuleCompiler();
    private final Map<String, Entry> compiled = new ConcurrentHashMap<>();
    private final AtomicLong compiles = new AtomicLong();
    private final int maxResident;
    private final LongSupplier nanoTime;

    private static final class Entry {
        final CompiledRuleSet ruleSet;
        volatile long usedAt;
        volatile boolean served;
        volatile long servedAt;

        Entry(CompiledRuleSet ruleSet, long now) {
            this.ruleSet = ruleSet;
            this.usedAt = now;
        }
    }

    @Inject
    public RuleSetCache(EvaluationLimits limits) {
        this(limits.maxResidentRuleSets(), System::nanoTime);
    }

    RuleSetCache(int maxResident, LongSupplier nanoTime) {
        if (maxResident < 1) throw new IllegalArgumentException("at least one resident rule set: " + maxResident);
        this.maxResident = maxResident;
        this.nanoTime = nanoTime;
    }

    /** Whether the content with {@code sha256} is compiled and ready. */
    public boolean contains(String sha256) {
        return compiled.containsKey(sha256);
    }

    /** Rule sets compiled and held now. */
    public int resident() {
        return compiled.size();
    }

    /** Compilations so far (a content evicted and needed again is compiled again). */
    public long compiles() {
        return compiles.get();
    }

    /** A version that serves decisions: in force on some date, or approved for publication. Kept resident while it serves. */
    public CompiledRuleSet serving(String sha256, Supplier<Map<String, String>> files) {
        Entry e = entry(sha256, files);
        e.servedAt = nanoTime.getAsLong();
        e.served = true;
        return e.ruleSet;
    }

    /** Any reviewed version (a replay, a diff): compiled now if it is not resident, evicted again when room is needed. */
    public CompiledRuleSet get(String sha256, Supplier<Map<String, String>> files) {
        return entry(sha256, files).ruleSet;
    }

    private Entry entry(String sha256, Supplier<Map<String, String>> files) {
        long now = nanoTime.getAsLong();
        Entry hit = compiled.get(sha256);
        if (hit != null) {
            hit.usedAt = now;
            return hit;
        }
        Entry entry = compiled.computeIfAbsent(sha256, sha -> {
            RuleSetSource source = new RuleSetSource(files.get());
            if (!source.sha256().equals(sha)) {
                throw new RuleSetIntegrityException("stored rule set content hashes to " + source.sha256()
                        + ", not to its recorded sha256 " + sha);
            }
            long started = System.nanoTime();
            CompiledRuleSet result = compiler.compile(source);
            compiles.incrementAndGet();
            LOG.infof("compiled rule set %s in %d ms", sha.substring(0, 12), (System.nanoTime() - started) / 1_000_000);
            return new Entry(result, now);
        });
        evictBeyondBound(sha256);
        return entry;
    }

    /** Drops the least recently used rule sets that no longer serve decisions until at most the bound are held. */
    private synchronized void evictBeyondBound(String keep) {
        int excess = compiled.size() - maxResident;
        if (excess <= 0) return;
        long now = nanoTime.getAsLong();
        List<Map.Entry<String, Entry>> evictable = new ArrayList<>();
        for (Map.Entry<String, Entry> e : compiled.entrySet()) {
            Entry v = e.getValue();
            boolean serving = v.served && now - v.servedAt <= SERVING.toNanos();
            if (!e.getKey().equals(keep) && !serving) evictable.add(e);
        }
        evictable.sort(Comparator.comparingLong(e -> e.getValue().usedAt));
        for (int i = 0; i < Math.min(excess, evictable.size()); i++) {
            compiled.remove(evictable.get(i).getKey());
            LOG.debugf("evicted rule set %s (least recently used; it serves no decision)", evictable.get(i).getKey().substring(0, 12));
        }
    }
}
