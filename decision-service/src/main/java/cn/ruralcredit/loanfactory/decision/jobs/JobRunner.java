package cn.ruralcredit.loanfactory.decision.jobs;

import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.catalog.job.JobItem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs background jobs, one at a time per node, on one thread, so that decisions keep the other
 * core. A job walks its decisions in id order in chunks: the items of a chunk are computed
 * outside any transaction, then written together with the job's cursor and counters in one
 * transaction. A stop (shutdown, crash, lost ownership) at any point loses at most the chunk in
 * progress, which the next run does again from the committed cursor: nothing is lost and nothing
 * counted twice. At start a node resumes its own unfinished jobs, and takes over those of a node
 * that stopped sending heartbeats for longer than the lease.
 */
@ApplicationScoped
public class JobRunner {
    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    JobsConfig config;
    @Inject
    Instance<JobWork> works;

    private ScheduledExecutorService executor;
    private volatile boolean stopping;
    private String nodeId;

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts running jobs: the unfinished ones first, then each new one as it is queued. */
    public synchronized void start() {
        if (executor != null) return;
        nodeId = config.nodeId().orElseGet(JobRunner::hostName);
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loanfactory-jobs");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runPending, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops as a shutdown does: the chunk in progress is dropped uncommitted and the job stays
     * RUNNING, to be resumed from its cursor by the next {@link #start()}.
     */
    public synchronized void stop() {
        if (executor == null) return;
        stopping = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) LOG.warn("background job thread did not stop in 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    /** Looks for work now rather than at the next poll: a job was just queued. */
    public synchronized void wake() {
        if (executor != null && !stopping) executor.execute(this::runPending);
    }

    public String nodeId() {
        return nodeId;
    }

    private void runPending() {
        try {
            while (!stopping) {
                Optional<String> next = QuarkusTransaction.requiringNew().call(this::claimNext);
                if (next.isEmpty()) return;
                run(next.get());
            }
        } catch (Throwable e) {
            if (!stopping) LOG.error("background jobs: could not look for work; will try again", e);
        }
    }

    private Optional<String> claimNext() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant stale = now.minus(config.lease());
        for (BackgroundJob job : BackgroundJob.runnable(nodeId, stale)) {
            int claimed = BackgroundJob.update("status = ?1, owner = ?2, heartbeatAt = ?3, "
                            + "startedAt = coalesce(startedAt, ?3) where id = ?4 and (status = ?5 or (status = ?1 and "
                            + "(owner = ?2 or owner is null or heartbeatAt < ?6)))",
                    BackgroundJob.RUNNING, nodeId, now, job.id, BackgroundJob.QUEUED, stale);
            if (claimed == 1) {
                LOG.infof("background job %s (%s of %s): %s, %d of %d done", job.id, job.kind, job.productCode,
                        job.cursorId == null ? "starting" : "resuming", job.done, job.total);
                return Optional.of(job.id);
            }
        }
        return Optional.empty();
    }

    private void run(String jobId) {
        try {
            BackgroundJob job = QuarkusTransaction.requiringNew().call(() -> BackgroundJob.<BackgroundJob>findById(jobId));
            JobWork work = workFor(job.kind);
            while (!stopping) {
                BackgroundJob current = job;
                List<Decision> chunk = QuarkusTransaction.requiringNew().call(() -> chunkAfter(current));
                if (chunk.isEmpty()) {
                    QuarkusTransaction.requiringNew().run(() -> finish(jobId, current.cursorId, work));
                    return;
                }
                if (stopping || Thread.currentThread().isInterrupted()) return;
                long started = System.nanoTime();
                // the decisions of a chunk are independent: work in this JVM evaluates them on every core
                // (this thread and the common pool), their items kept in the chunk's order; a fault of one
                // fails the chunk as before
                List<JobItem> items = (work.parallel() ? chunk.parallelStream() : chunk.stream())
                        .map(decision -> work.process(current, decision)).toList();
                long millis = (System.nanoTime() - started) / 1_000_000;
                String last = chunk.get(chunk.size() - 1).id;
                job = QuarkusTransaction.requiringNew().call(() -> commit(jobId, current.cursorId, last, items, millis));
            }
        } catch (LostOwnership e) {
            LOG.warnf("background job %s: %s; leaving it to its new owner", jobId, e.getMessage());
        } catch (Throwable e) {
            // an Error too (a StackOverflowError of a rule): a job that fails is FAILED with its reason, so
            // it is never picked again and never holds up the jobs queued behind it
            if (stopping) return;
            LOG.errorf(e, "background job %s failed", jobId);
            QuarkusTransaction.requiringNew().run(() -> fail(jobId, e));
        }
    }

    private JobWork workFor(String kind) {
        for (JobWork work : works) if (work.kind().equals(kind)) return work;
        throw new IllegalStateException("no work for background jobs of kind " + kind);
    }

    /** The next chunk of the job's decisions after {@code job.cursorId}, in id order. */
    private List<Decision> chunkAfter(BackgroundJob job) {
        JobScope scope = JobScope.of(job);
        return Decision.<Decision>find("productCode = ?1 and decidedAt >= ?2 and decidedAt < ?3 and decidedAt <= ?4 "
                                + "and id > ?5 order by id", job.productCode, scope.fromInstant(), scope.toExclusive(),
                        job.windowEnd, job.cursorId == null ? "" : job.cursorId)
                .page(0, config.chunkSize()).list();
    }

    /**
     * Writes a chunk's items with the job's new cursor and counters, if the job is still this
     * node's and still at {@code expectedCursor}: otherwise another node has taken it over.
     */
    private BackgroundJob commit(String jobId, String expectedCursor, String newCursor, List<JobItem> items, long millis) {
        BackgroundJob job = lockOwned(jobId, expectedCursor);
        JobItem.persist(items);
        for (JobItem item : items) {
            switch (item.result) {
                case JobItem.SAME -> job.matched++;
                case JobItem.CHANGED -> job.mismatched++;
                default -> job.failed++;
            }
        }
        job.done += items.size();
        job.cursorId = newCursor;
        job.runMillis += millis;
        job.heartbeatAt = Instant.now();
        return job;
    }

    private void finish(String jobId, String expectedCursor, JobWork work) {
        BackgroundJob job = lockOwned(jobId, expectedCursor);
        work.finish(job);
        job.status = BackgroundJob.DONE;
        job.finishedAt = Instant.now();
        job.heartbeatAt = job.finishedAt;
        LOG.infof("background job %s (%s of %s) done: %d decisions, %d same, %d changed, %d failed, in %d ms",
                job.id, job.kind, job.productCode, job.done, job.matched, job.mismatched, job.failed, job.runMillis);
    }

    private BackgroundJob lockOwned(String jobId, String expectedCursor) {
        BackgroundJob job = BackgroundJob.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (!BackgroundJob.RUNNING.equals(job.status) || !nodeId.equals(job.owner)) {
            throw new LostOwnership("it is " + job.status + " with owner " + job.owner);
        }
        if (expectedCursor == null ? job.cursorId != null : !expectedCursor.equals(job.cursorId)) {
            throw new LostOwnership("its cursor moved on to " + job.cursorId);
        }
        return job;
    }

    private void fail(String jobId, Throwable cause) {
        BackgroundJob job = BackgroundJob.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.finished()) return;
        job.status = BackgroundJob.FAILED;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause instanceof Error ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : cause.getMessage();
        job.error = message.length() > 2000 ? message.substring(0, 2000) : message;
        job.finishedAt = Instant.now();
    }

    /** This node's name for job ownership, when loanfactory.jobs.node-id does not give one. */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static final class LostOwnership extends RuntimeException {
        LostOwnership(String message) {
            super(message);
        }
    }
}
