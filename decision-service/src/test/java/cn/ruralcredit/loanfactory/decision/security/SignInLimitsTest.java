package cn.ruralcredit.loanfactory.decision.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counting of {@link SignInLimits} with its default limits, on a clock the test moves. */
class SignInLimitsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private SignInLimits limits;

    @BeforeEach
    void defaults() {
        limits = new SignInLimits();
        limits.config = new RateLimitConfig() {
            public Allowance channelKey() { return null; }
            public Map<String, Allowance> channels() { return Map.of(); }
            public SignIn signIn() {
                return new SignIn() {
                    public int maxFailuresPerUser() { return 5; }
                    public int maxFailuresPerAddress() { return 20; }
                    public Duration window() { return Duration.ofMinutes(15); }
                    public Duration lockout() { return Duration.ofMinutes(15); }
                };
            }
        };
        limits.nanoTime = now::get;
    }

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void shouldLockAnAddressAfterTwentyFailuresWhateverTheUsernames() {
        for (int i = 0; i < 19; i++) limits.failed("guess" + i, "203.0.113.7");
        assertEquals(0, limits.lockedFor("someone", "203.0.113.7"));
        limits.failed("guess19", "203.0.113.7");
        assertEquals(900, limits.lockedFor("someone", "203.0.113.7"));
        assertEquals(0, limits.lockedFor("someone", "203.0.113.8"), "another address is not locked");
        later(Duration.ofMinutes(10));
        assertEquals(300, limits.lockedFor("anyone", "203.0.113.7"));
        later(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals(0, limits.lockedFor("anyone", "203.0.113.7"), "the lock-out ends by itself");
    }

    @Test
    void shouldNotLetASuccessClearTheAddressCount() {
        for (int i = 0; i < 19; i++) limits.failed("guess" + i, "203.0.113.9");
        limits.succeeded("guess3");
        limits.failed("guess20", "203.0.113.9");
        assertTrue(limits.lockedFor("x", "203.0.113.9") > 0);
    }

    @Test
    void shouldCountOnlyFailuresWithinTheWindow() {
        for (int i = 0; i < 4; i++) limits.failed("wang.fang", "198.51.100." + i);
        later(Duration.ofMinutes(16));
        limits.failed("wang.fang", "198.51.100.9");
        assertEquals(0, limits.lockedFor("wang.fang", "198.51.100.10"));
        for (int i = 0; i < 3; i++) limits.failed("wang.fang", "198.51.100.9");
        assertEquals(0, limits.lockedFor("wang.fang", "198.51.100.10"));
        limits.failed("wang.fang", "198.51.100.9");
        assertEquals(900, limits.lockedFor("wang.fang", "198.51.100.10"), "locked from any address");
    }

    @Test
    void shouldLiftALockAndForgetItsFailures() {
        for (int i = 0; i < 20; i++) limits.failed("u" + i, "192.0.2.1");
        assertEquals(1, limits.lockouts().size());
        assertTrue(limits.lift(SignInLimits.Kind.ADDRESS, "192.0.2.1", "admin"));
        assertEquals(0, limits.lockedFor("u1", "192.0.2.1"));
        assertFalse(limits.lift(SignInLimits.Kind.ADDRESS, "192.0.2.1", "admin"), "nothing left to lift");
        limits.failed("u1", "192.0.2.1");
        assertEquals(0, limits.lockedFor("u1", "192.0.2.1"), "counting starts again");
    }
}
