package cn.ruralcredit.loanfactory.rules.worker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The rule worker processes of one service: at most {@link WorkerSettings#processes()}, each lent
 * to one caller at a time. A worker that failed (was killed, ran out of memory, died) is dropped
 * and a fresh one is started for the next caller.
 */
public final class RuleWorkers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RuleWorkers.class.getName());

    private final WorkerSettings settings;
    private final Semaphore permits;
    private final Deque<RuleWorker> idle = new ArrayDeque<>();
    private volatile boolean closed;

    public RuleWorkers(WorkerSettings settings) {
        this.settings = settings;
        this.permits = new Semaphore(settings.processes(), true);
    }

    public WorkerSettings settings() {
        return settings;
    }

    /**
     * Runs {@code work} with a worker of its own, waiting at most {@code wait} for one to be free.
     *
     * @throws WorkersBusyException every worker stayed busy for {@code wait}
     */
    public <T> T with(Duration wait, Function<RuleWorker, T> work) {
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new WorkersBusyException("all " + settings.processes() + " rule workers stayed busy for "
                        + wait.toSeconds() + " s; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkersBusyException("interrupted while waiting for a rule worker");
        }
        RuleWorker worker = null;
        try {
            worker = take();
            T result = work.apply(worker);
            give(worker);
            worker = null;
            return result;
        } finally {
            if (worker != null) {
                // the work failed: keep the worker only if it is sound (an evaluation that failed closed in it)
                if (worker.alive()) give(worker);
                else LOG.log(System.Logger.Level.WARNING, "rule worker {0} dropped", worker.pid());
            }
            permits.release();
        }
    }

    private synchronized RuleWorker take() {
        if (closed) throw new WorkerFailedException("the rule workers are shut down");
        while (!idle.isEmpty()) {
            RuleWorker w = idle.pop();
            if (w.alive()) return w;
        }
        return new RuleWorker(settings);
    }

    private synchronized void give(RuleWorker worker) {
        if (closed || !worker.alive()) {
            worker.kill();
            return;
        }
        idle.push(worker);
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(RuleWorker::kill);
        idle.clear();
    }
}
