package cn.ruralcredit.loanfactory.decision.rerating;

import cn.ruralcredit.loanfactory.catalog.batch.BatchJob;
import cn.ruralcredit.loanfactory.catalog.batch.ReratingLine;
import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetStatus;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.batch.BatchRunner;
import cn.ruralcredit.loanfactory.decision.batch.BatchService;
import cn.ruralcredit.loanfactory.decision.platform.Ulid;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleSetsInForce;
import cn.ruralcredit.loanfactory.decision.security.CurrentUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/** Re-ratings: asked for by a product manager or approver, applied by an approver who did not ask for it. */
@ApplicationScoped
public class ReratingService {
    private static final Set<String> APPLICABLE = Set.of(RuleSetStatus.PUBLISHED.name(), RuleSetStatus.APPROVED.name());

    @Inject
    BatchRunner runner;
    @Inject
    BatchService batches;
    @Inject
    RuleSetsInForce ruleSets;
    @Inject
    CurrentUser user;

    public ReratingView start(String code, NewRerating request) {
        NewRerating r = request == null ? new NewRerating(null, null, null, null) : request;
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        FieldErrors errors = new FieldErrors();
        errors.check(r.from() == null || r.to() == null || !r.from().isAfter(r.to()), "from", "must not be after to");
        errors.check(r.to() == null || !r.to().isAfter(today), "to", "must not be after today (" + today + ")");
        errors.throwIfAny();
        LocalDate asOf = r.asOfDate() == null ? today : r.asOfDate();
        String by = user.name();
        ReratingView view = QuarkusTransaction.requiringNew().call(() -> {
            Product product = Product.findByCode(code).orElseThrow(() -> ProblemException.notFound("no product " + code));
            RuleSetVersion version;
            if (r.version() == null) {
                version = RuleSetVersion.inForce(product, asOf).orElseThrow(() -> ProblemException.unprocessable(
                        "product " + code + " has no published rule set in force on " + asOf));
            } else {
                version = RuleSetVersion.find(product, r.version()).orElseThrow(() -> ProblemException.badField("version",
                        "product " + code + " has no version " + r.version()));
            }
            java.math.BigDecimal lpr = ruleSets.lprSchedule().rateOn(asOf).orElseThrow(() -> ProblemException.badField("asOfDate",
                    "no LPR in force on " + asOf));
            batches.admit(by);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            BatchJob job = new BatchJob();
            job.id = Ulid.next(now.toEpochMilli());
            job.kind = BatchJob.RERATING;
            job.status = BatchJob.QUEUED;
            job.mode = BatchJob.RERATING;
            job.productCode = code;
            job.asOfDate = asOf;
            job.version = version.version;
            job.ruleSetSha256 = version.sha256;
            job.lprPct = lpr;
            job.fromDate = r.from();
            job.toDate = r.to();
            job.createdBy = by;
            job.createdAt = now;
            job.persist();
            return ReratingView.of(job);
        });
        runner.wake();
        return view;
    }

    public List<ReratingView> list(String code) {
        return QuarkusTransaction.requiringNew().call(() -> BatchJob.<BatchJob>find(
                "kind = ?1 and productCode = ?2 order by createdAt desc", BatchJob.RERATING, code).page(0, 100).list()
                .stream().map(ReratingView::of).toList());
    }

    public ReratingView get(String code, String id) {
        return ReratingView.of(QuarkusTransaction.requiringNew().call(() -> job(code, id)));
    }

    static BatchJob job(String code, String id) {
        return BatchJob.<BatchJob>findByIdOptional(id)
                .filter(j -> BatchJob.RERATING.equals(j.kind) && code.equals(j.productCode))
                .orElseThrow(() -> ProblemException.notFound("no re-rating " + id + " of " + code));
    }

    /** The report of a finished re-rating (DONE, APPLYING or APPLIED); a 409 before. */
    public ReratingView finished(String code, String id) {
        ReratingView view = get(code, id);
        if (view.summary() == null) {
            throw ProblemException.conflict("re-rating " + id + " is " + view.status() + " (" + view.progress().done() + " of "
                    + view.progress().total() + " lines); its report comes when it is DONE");
        }
        return view;
    }

    List<ReratingLine> lines(String id, int after, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> ReratingLine.page(id, after, limit));
    }

    /**
     * Queues the storing of every re-rated line as a new decision. Only an approver who did not ask
     * for the re-rating may apply it (four eyes), once, and only with a reviewed version.
     */
    public ReratingView apply(String code, String id) {
        String by = user.name();
        ReratingView view = QuarkusTransaction.requiringNew().call(() -> {
            BatchJob job = BatchJob.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (job == null || !BatchJob.RERATING.equals(job.kind) || !code.equals(job.productCode)) {
                throw ProblemException.notFound("no re-rating " + id + " of " + code);
            }
            if (job.createdBy.equals(by)) {
                throw ProblemException.forbidden("a re-rating is applied by an approver other than the one who asked for it ("
                        + job.createdBy + ")");
            }
            if (!BatchJob.DONE.equals(job.status)) {
                throw ProblemException.conflict("re-rating " + id + " is " + job.status + "; only a DONE report can be applied, once");
            }
            RuleSetVersion version = ReratingWork.version(job);
            if (!APPLICABLE.contains(version.status)) {
                throw ProblemException.conflict("version " + job.version + " is " + version.status
                        + ": only an approved or published version's report is applied");
            }
            long revised = ((Number) BatchJob.getEntityManager().createNativeQuery("SELECT count(*) FROM rerating_line l "
                    + "JOIN decision_revision r ON r.revised_decision_id = l.decision_id WHERE l.rerating_id = ?1")
                    .setParameter(1, id).getSingleResult()).longValue();
            if (revised > 0) {
                throw ProblemException.conflict(revised + " of the report's lines were revised since (another re-rating was "
                        + "applied); start a new re-rating");
            }
            batches.admit(by);
            long lines = ReratingLine.count("reratingId = ?1 and changeKind <> ?2", id, ReratingLine.ERROR);
            job.status = BatchJob.APPLYING;
            job.appliedBy = by;
            job.cursorRow = 0;
            job.done = 0;
            job.total = (int) lines;
            job.owner = null;
            return ReratingView.of(job);
        });
        runner.wake();
        return view;
    }
}
