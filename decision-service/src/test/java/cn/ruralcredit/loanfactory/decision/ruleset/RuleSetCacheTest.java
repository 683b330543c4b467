package cn.ruralcredit.loanfactory.decision.ruleset;

import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: compiled rule bases were never evicted, so a year of publishing grew the heap and
 * Metaspace without bound. Now at most the bound is held beyond the versions serving decisions.
 */
class RuleSetCacheTest {
    private final AtomicLong clock = new AtomicLong();

    /** FUNONG with a comment that makes content {@code n} of its own (its own sha256). */
    private static RuleSetSource version(int n) {
        Map<String, String> files = new HashMap<>(SeedRuleSets.ruleSet("FUNONG").files());
        files.put("FUNONG/approval.drl", files.get("FUNONG/approval.drl") + "\n// version " + n + "\n");
        return new RuleSetSource(files);
    }

    @Test
    void shouldHoldAtMostTheBoundBeyondTheVersionsInForceAndRecompileOnDemand() {
        RuleSetCache cache = new RuleSetCache(2, clock::get);
        RuleSetSource inForce = version(0);
        var serving = cache.serving(inForce.sha256(), inForce::files);
        for (int n = 1; n <= 4; n++) {
            RuleSetSource old = version(n);
            clock.addAndGet(1_000);
            cache.get(old.sha256(), old::files);
            assertTrue(cache.resident() <= 2, "resident " + cache.resident());
            assertTrue(cache.contains(inForce.sha256()), "the version in force was evicted");
        }
        assertEquals(5, cache.compiles());
        // the version in force was compiled once and is the same KieBase
        assertSame(serving, cache.serving(inForce.sha256(), inForce::files));
        // an evicted version (replayed again) is compiled again, and then another one makes room
        RuleSetSource first = version(1);
        assertFalse(cache.contains(first.sha256()));
        cache.get(first.sha256(), first::files);
        assertEquals(6, cache.compiles());
        assertEquals(2, cache.resident());
    }

    @Test
    void shouldLetAVersionThatStoppedServingGoAfterTenMinutes() {
        RuleSetCache cache = new RuleSetCache(1, clock::get);
        RuleSetSource retired = version(10);
        cache.serving(retired.sha256(), retired::files);
        clock.addAndGet(Duration.ofMinutes(11).toNanos());
        RuleSetSource next = version(11);
        cache.serving(next.sha256(), next::files);
        assertEquals(1, cache.resident());
        assertFalse(cache.contains(retired.sha256()));
    }

    @Test
    void shouldRefuseContentThatDoesNotHashToItsRecordedSha256() {
        RuleSetCache cache = new RuleSetCache(4, clock::get);
        RuleSetSource a = version(20);
        assertThrows(RuleSetIntegrityException.class, () -> cache.get(a.sha256(), () -> version(21).files()));
        assertEquals(0, cache.resident());
    }
}
