package cn.ruralcredit.loanfactory.decision.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed staff sign-ins, counted per username and per client address. bcrypt at every Basic
 * request makes a stream of wrong passwords a cheap way to pin the CPU, and a way to guess
 * passwords: after {@code max-failures-per-user} failures of one username, or
 * {@code max-failures-per-address} from one address, within {@code window}, that username or
 * address is refused for {@code lockout} (429 with {@code Retry-After}, no bcrypt), unless an
 * admin lifts the lock first. A successful sign-in clears its username's count. Failures and
 * locks are logged. Kept in memory per node: a restart clears them, and each node of a cluster
 * counts its own.
 */
@ApplicationScoped
public class SignInLimits {
    private static final Logger LOG = Logger.getLogger(SignInLimits.class);
    /** Beyond this many tracked names or addresses, those neither locked nor failing recently are forgotten. */
    private static final int MOST_TRACKED = 10_000;

    public enum Kind { USER, ADDRESS }

    /** A lock in force. */
    public record Lockout(Kind kind, String subject, int failures, Instant until) {
    }

    @Inject
    RateLimitConfig config;

    LongSupplier nanoTime = System::nanoTime;
    private final Map<String, Failures> users = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    private static final class Failures {
        int count;
        long windowStart;
        long lockedUntil;
        boolean locked;
    }

    /** Seconds until {@code username} or {@code address} may try again; 0 when neither is locked. */
    public long lockedFor(String username, String address) {
        long now = nanoTime.getAsLong();
        return Math.max(remaining(users.get(username), now), remaining(addresses.get(address), now));
    }

    /** Counts a failed sign-in; locks the username or the address that reached its limit. */
    public void failed(String username, String address) {
        RateLimitConfig.SignIn limits = config.signIn();
        long now = nanoTime.getAsLong();
        int userCount = count(users, username, limits.maxFailuresPerUser(), now, Kind.USER);
        int addressCount = count(addresses, address, limits.maxFailuresPerAddress(), now, Kind.ADDRESS);
        LOG.infof("staff sign-in refused for user '%s' from %s (%d of %d for the user, %d of %d for the address, within %s)",
                username, address, userCount, limits.maxFailuresPerUser(), addressCount, limits.maxFailuresPerAddress(),
                limits.window());
    }

    /** A successful sign-in: its username's failures are forgotten (its address's are not). */
    public void succeeded(String username) {
        users.computeIfPresent(username, (k, f) -> f.locked && f.lockedUntil - nanoTime.getAsLong() > 0 ? f : null);
    }

    /** The locks in force, users first. */
    public List<Lockout> lockouts() {
        long now = nanoTime.getAsLong();
        List<Lockout> locks = new ArrayList<>();
        collect(users, Kind.USER, now, locks);
        collect(addresses, Kind.ADDRESS, now, locks);
        locks.sort(Comparator.comparing(Lockout::kind).thenComparing(Lockout::subject));
        return locks;
    }

    /** Lifts the lock of a username or address (and forgets its failures); false when it was not locked. */
    public boolean lift(Kind kind, String subject, String by) {
        Failures removed = (kind == Kind.USER ? users : addresses).remove(subject);
        boolean wasLocked = removed != null && remaining(removed, nanoTime.getAsLong()) > 0;
        if (wasLocked) LOG.warnf("sign-in lock of %s '%s' lifted by %s", kind.name().toLowerCase(), subject, by);
        return wasLocked;
    }

    private int count(Map<String, Failures> map, String subject, int max, long now, Kind kind) {
        if (subject == null) return 0;
        if (map.size() > MOST_TRACKED) forgetStale(map, now);
        long window = config.signIn().window().toNanos();
        Failures f = map.computeIfAbsent(subject, k -> new Failures());
        synchronized (f) {
            if (f.locked && f.lockedUntil - now > 0) return f.count;
            if (f.locked || f.count == 0 || now - f.windowStart > window) {
                f.locked = false;
                f.count = 0;
                f.windowStart = now;
            }
            f.count++;
            if (f.count >= max) {
                f.locked = true;
                f.lockedUntil = now + config.signIn().lockout().toNanos();
                LOG.warnf("staff sign-in locked for %s '%s' for %s after %d failures", kind.name().toLowerCase(), subject,
                        config.signIn().lockout(), f.count);
            }
            return f.count;
        }
    }

    private void forgetStale(Map<String, Failures> map, long now) {
        long window = config.signIn().window().toNanos();
        map.entrySet().removeIf(e -> remaining(e.getValue(), now) == 0 && now - e.getValue().windowStart > window);
    }

    private static long remaining(Failures f, long now) {
        if (f == null) return 0;
        synchronized (f) {
            long left = f.lockedUntil - now;
            return f.locked && left > 0 ? (left + 999_999_999L) / 1_000_000_000L : 0;
        }
    }

    private void collect(Map<String, Failures> map, Kind kind, long now, List<Lockout> into) {
        map.forEach((subject, f) -> {
            long left = remaining(f, now);
            if (left > 0) into.add(new Lockout(kind, subject, f.count, Instant.now().plusSeconds(left)));
        });
    }
}
