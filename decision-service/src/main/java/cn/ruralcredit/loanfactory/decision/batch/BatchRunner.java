package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.catalog.batch.BatchJob;
import cn.ruralcredit.loanfactory.decision.jobs.JobsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs batch ratings and re-ratings, one at a time per node on a thread of their own (beside the
 * replay and simulation job thread), exactly as {@code jobs.JobRunner} runs those: claimed with an
 * owner and a heartbeat, each chunk committed with the job's cursor in one transaction, a job
 * left RUNNING by a stop resumed from its cursor by the next start (or by another node after the
 * lease). A job that fails is FAILED with its reason and never picked again.
 */
@ApplicationScoped
public class BatchRunner {
    private static final Logger LOG = Logger.getLogger(BatchRunner.class);

    @Inject
    BatchConfig config;
    @Inject
    JobsConfig jobsConfig;
    @Inject
    Instance<LongJob> works;

    private ScheduledExecutorService executor;
    private volatile boolean stopping;
    private volatile int stopAfterChunks = -1;
    private String nodeId;

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (executor != null) return;
        nodeId = jobsConfig.nodeId().orElseGet(cn.ruralcredit.loanfactory.decision.jobs.JobRunner::hostName);
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loanfactory-batches");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runPending, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops as a shutdown does: the chunk in progress is dropped uncommitted; the job stays RUNNING. */
    public synchronized void stop() {
        if (executor == null) return;
        stopping = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) LOG.warn("batch job thread did not stop in 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    /**
     * For tests: the runner stops itself (as {@link #stop()}) right after committing its
     * {@code chunks}-th chunk from now, so a test can stop a job part-way at a known point.
     */
    public void stopAfterChunks(int chunks) {
        stopAfterChunks = chunks;
    }

    public synchronized void wake() {
        if (executor != null && !stopping) executor.execute(this::runPending);
    }

    public boolean stopping() {
        return stopping || Thread.currentThread().isInterrupted();
    }

    public String nodeId() {
        return nodeId;
    }

    /** Called by works after each committed chunk. */
    void chunkCommitted() {
        if (stopAfterChunks > 0 && --stopAfterChunks == 0) {
            stopAfterChunks = -1;
            stopping = true;
            Thread stopper = new Thread(this::stop, "loanfactory-batches-stop");
            stopper.start();
        }
    }

    private void runPending() {
        try {
            while (!stopping) {
                Optional<String> next = QuarkusTransaction.requiringNew().call(this::claimNext);
                if (next.isEmpty()) return;
                run(next.get());
            }
        } catch (Throwable e) {
            if (!stopping) LOG.error("batch jobs: could not look for work; will try again", e);
        }
    }

    private Optional<String> claimNext() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant stale = now.minus(config.lease());
        for (BatchJob job : BatchJob.runnable(nodeId, stale)) {
            String running = BatchJob.APPLYING.equals(job.status) ? BatchJob.APPLYING : BatchJob.RUNNING;
            int claimed = BatchJob.update("status = ?1, owner = ?2, heartbeatAt = ?3, startedAt = coalesce(startedAt, ?3) "
                            + "where id = ?4 and (status = ?5 or (status = ?1 and (owner = ?2 or owner is null or heartbeatAt < ?6)))",
                    running, nodeId, now, job.id, BatchJob.QUEUED.equals(job.status) ? BatchJob.QUEUED : running, stale);
            if (claimed == 1) {
                LOG.infof("batch job %s (%s %s): %s, %d of %d done", job.id, job.kind, job.status,
                        job.cursorRow == 0 ? "starting" : "resuming", job.done, job.total);
                return Optional.of(job.id);
            }
        }
        return Optional.empty();
    }

    private void run(String jobId) {
        try {
            BatchJob job = QuarkusTransaction.requiringNew().call(() -> BatchJob.<BatchJob>findById(jobId));
            LongJob work = null;
            for (LongJob w : works) if (w.runs(job)) work = w;
            if (work == null) throw new IllegalStateException("nothing runs batch jobs of kind " + job.kind + " in " + job.status);
            work.run(job, this);
        } catch (LostOwnership e) {
            LOG.warnf("batch job %s: %s; leaving it to its new owner", jobId, e.getMessage());
        } catch (Stopped e) {
            LOG.infof("batch job %s: stopped; the chunk in progress was not committed and is done again on resume", jobId);
        } catch (Throwable e) {
            if (stopping) return;
            LOG.errorf(e, "batch job %s failed", jobId);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            QuarkusTransaction.requiringNew().run(() -> BatchJob.update("status = ?1, error = ?2, finishedAt = ?3, owner = null "
                    + "where id = ?4", BatchJob.FAILED, reason.length() > 2000 ? reason.substring(0, 2000) : reason,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), jobId));
        }
    }

    /**
     * The job, locked, if it is still this node's and still at {@code expectedCursor}; otherwise
     * another node took it over and the chunk must not be committed. Call within the chunk's transaction.
     */
    public BatchJob lockOwned(String jobId, int expectedCursor) {
        BatchJob job = BatchJob.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || !nodeId.equals(job.owner) || job.cursorRow != expectedCursor) {
            throw new LostOwnership(job == null ? "the job is gone" : "owner " + job.owner + ", cursor " + job.cursorRow
                    + " instead of " + expectedCursor);
        }
        job.heartbeatAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return job;
    }

    /** The runner stopped while a chunk was being decided: nothing of it was committed. */
    public static final class Stopped extends RuntimeException {
        public Stopped() {
            super("stopped");
        }
    }

    /** The job was taken over by another node. */
    public static final class LostOwnership extends RuntimeException {
        LostOwnership(String message) {
            super(message);
        }
    }

}
