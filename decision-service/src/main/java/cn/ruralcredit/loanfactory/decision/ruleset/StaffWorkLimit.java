package cn.ruralcredit.loanfactory.decision.ruleset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How much rule-running staff work (validations, test runs, submissions, diffs, simulation
 * checks) one person may have under way at once: more is a 429 with Retry-After. Together with
 * the bounded rule workers this keeps one login from taking every worker, and none of it holds a
 * database connection while the rules run.
 */
@ApplicationScoped
public class StaffWorkLimit {
    @Inject
    WorkerConfig config;

    private final ConcurrentHashMap<String, AtomicInteger> running = new ConcurrentHashMap<>();

    /** A person asked for more concurrent rule-running work than they may have. */
    public static class TooMuchWork extends RuntimeException {
        public TooMuchWork(String message) {
            super(message);
        }
    }

    public <T> T run(String user, Supplier<T> work) {
        AtomicInteger mine = running.computeIfAbsent(user, u -> new AtomicInteger());
        if (mine.incrementAndGet() > config.perUser()) {
            mine.decrementAndGet();
            throw new TooMuchWork(user + " already has " + config.perUser() + " validations, test runs or diffs under way;"
                    + " wait for one to finish");
        }
        try {
            return work.get();
        } finally {
            mine.decrementAndGet();
        }
    }
}
