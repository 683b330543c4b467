package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.catalog.scenario.SuiteCase;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetFile;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetStatus;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.catalog.version.TestCaseResult;
import cn.ruralcredit.loanfactory.catalog.version.TestRun;
import cn.ruralcredit.loanfactory.catalog.version.VersionEvent;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.DecisionClock;
import cn.ruralcredit.loanfactory.decision.ruleset.CatalogCache;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleSetCache;
import cn.ruralcredit.loanfactory.decision.security.CurrentUser;
import cn.ruralcredit.loanfactory.decision.simulation.SimulationCoverage;
import cn.ruralcredit.loanfactory.decision.simulation.VersionSimulation;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import cn.ruralcredit.loanfactory.rules.compile.RuleCompilationException;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static cn.ruralcredit.loanfactory.decision.version.LifecycleEvent.*;

/**
 * The governed lifecycle of rule set versions: DRAFT → (validate, test) → IN_REVIEW → APPROVED
 * or REJECTED → PUBLISHED (from an effective date) → RETIRED. Only drafts change; a version is
 * submitted only when it compiles, passes the sandbox check and passes every case of its
 * product's suite; it is approved or rejected by someone who neither wrote, edited nor submitted
 * it; publishing compiles it once into the shared cache before the catalog switches to it, so the
 * first decision on the new version finds it ready. Every step is recorded as a lifecycle event.
 */
@ApplicationScoped
@Transactional
public class VersionService {
    private static final Logger LOG = Logger.getLogger(VersionService.class);
    static final Pattern FILE_PATH = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*\\.drl");
    static final int MAX_FILES = 50;
    static final int MAX_FILE_CHARS = 512 * 1024;
    static final int MAX_NOTE = 1000;
    static final int MAX_COMMENT = 2000;
    /** Events that make someone an author of a version's content, who may then not approve it. */
    private static final List<String> AUTHORING = List.of(CREATED.name(), EDITED.name(), SUBMITTED.name());

    @Inject
    CurrentUser user;
    @Inject
    RuleSetCache cache;
    @Inject
    CatalogCache catalog;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VersionViews.Summary> list(String code) {
        return RuleSetVersion.ofProduct(product(code)).stream().map(VersionViews.Summary::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public VersionViews.Detail get(String code, int number) {
        return detail(version(code, number));
    }

    /** A new draft, copied from {@code copyFrom} or started from the starter rule set. */
    public VersionViews.Detail createDraft(String code, VersionRequests.NewDraft request) {
        VersionRequests.CopyFrom copyFrom = request == null ? null : request.copyFrom();
        String note = request == null ? null : request.note();
        new FieldErrors().refuseIf(note != null && note.length() > MAX_NOTE, "note", "must be at most " + MAX_NOTE + " characters")
                .throwIfAny();
        Product product = Product.findByCodeForUpdate(code).orElseThrow(() -> noProduct(code));
        RuleSetVersion original = copyFrom == null ? null : copySource(code, copyFrom);
        return detail(newDraft(product, original, note));
    }

    /**
     * Stores a draft as the next version of a product locked for update, with the content of
     * {@code original} (any product's version) or, when it is null, the starter rule set; records
     * its creation.
     */
    public RuleSetVersion newDraft(Product product, RuleSetVersion original, String note) {
        RuleSetSource source = original == null ? SeedRuleSets.starter(product.code)
                : new RuleSetSource(RuleSetFile.contentOf(original));
        String basedOn = original == null ? null : original.product.code + ":" + original.version;
        RuleSetVersion draft = RuleSetVersion.storeDraft(product, product.nextVersion(), source.sha256(), source.files(),
                user.name(), basedOn, note);
        record(draft, CREATED, null, details("sha256", draft.sha256, "basedOn", basedOn));
        return draft;
    }

    /** The version a copy is taken from: any version of any product. */
    public RuleSetVersion copySource(String code, VersionRequests.CopyFrom copyFrom) {
        String fromCode = copyFrom.productCode() == null ? code : copyFrom.productCode();
        FieldErrors errors = new FieldErrors().refuseIf(copyFrom.version() == null, "copyFrom.version", "is required");
        Product from = Product.findByCode(fromCode).orElse(null);
        errors.refuseIf(from == null, "copyFrom.productCode", "no product " + fromCode);
        errors.throwIfAny();
        return RuleSetVersion.find(from, copyFrom.version()).orElseThrow(() ->
                ProblemException.badField("copyFrom.version", fromCode + " has no version " + copyFrom.version()));
    }

    /** Replaces a draft's files; {@code lockVersion} must be the one last read, or it is a 409. */
    public VersionViews.Detail edit(String code, int number, VersionRequests.Edit request) {
        Map<String, String> files = validFiles(request);
        RuleSetVersion version = version(code, number);
        requireStatus(version, "edited", RuleSetStatus.DRAFT);
        if (version.lockVersion != request.lockVersion()) {
            throw ProblemException.conflict("version " + number + " of " + code + " was changed since you read it (lockVersion "
                    + request.lockVersion() + ", now " + version.lockVersion + ", last updated " + version.updatedAt
                    + "); reload it and apply your edit again");
        }
        RuleSetSource source = new RuleSetSource(files);
        String before = version.sha256;
        Map<String, String> old = RuleSetFile.contentOf(version);
        version.replaceFiles(source.sha256(), source.files());
        if (request.note() != null) version.note = request.note();
        RuleSetVersion.getEntityManager().flush();
        record(version, EDITED, null, details("sha256Before", before, "sha256After", version.sha256,
                "filesChanged", changedFiles(old, files)));
        return detail(version);
    }

    private static Map<String, String> validFiles(VersionRequests.Edit request) {
        FieldErrors errors = new FieldErrors();
        if (request == null) throw FieldErrors.missingBody();
        errors.refuseIf(request.lockVersion() == null, "lockVersion", "is required: the lockVersion of the version as you read it");
        errors.refuseIf(request.note() != null && request.note().length() > MAX_NOTE, "note", "must be at most " + MAX_NOTE + " characters");
        Map<String, String> files = request.files();
        if (files == null || files.isEmpty()) {
            errors.add("files", "must name at least one DRL file");
        } else {
            errors.refuseIf(files.size() > MAX_FILES, "files", "at most " + MAX_FILES + " files");
            files.forEach((path, content) -> {
                String field = "files[" + path + "]";
                errors.refuseIf(path.length() > 200 || !FILE_PATH.matcher(path).matches(), field,
                        "a file path is folders and a name ending in .drl, of letters, digits, '_', '-' and '.'");
                errors.refuseIf(content == null, field, "needs content");
                errors.refuseIf(content != null && content.length() > MAX_FILE_CHARS, field,
                        "is longer than " + MAX_FILE_CHARS + " characters");
            });
        }
        errors.throwIfAny();
        return new TreeMap<>(files);
    }

    private static List<String> changedFiles(Map<String, String> before, Map<String, String> after) {
        TreeMap<String, String> all = new TreeMap<>(before);
        all.putAll(after);
        return all.keySet().stream().filter(p -> !java.util.Objects.equals(before.get(p), after.get(p))).toList();
    }

    /** Deletes a draft with its test runs; its history stays, with the deletion. */
    public void deleteDraft(String code, int number) {
        RuleSetVersion version = version(code, number);
        requireStatus(version, "deleted", RuleSetStatus.DRAFT);
        TestRun.deleteOf(version);
        RuleSetFile.delete("ruleSetVersion", version);
        VersionEvent.record(version.product, number, DELETED.name(), user.name(), null, ApiJson.write(details("sha256", version.sha256)));
        version.delete();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VersionViews.TestRunSummary> testRuns(String code, int number) {
        RuleSetVersion version = version(code, number);
        return TestRun.of(version).stream().map(r -> VersionViews.TestRunSummary.of(r, version)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public VersionViews.TestRunDetail testRun(String code, int number, long runId) {
        RuleSetVersion version = version(code, number);
        TestRun run = TestRun.<TestRun>findByIdOptional(runId).filter(r -> r.ruleSetVersion.id.equals(version.id))
                .orElseThrow(() -> ProblemException.notFound("version " + number + " of " + code + " has no test run " + runId));
        List<VersionViews.CaseResult> cases = TestCaseResult.of(run).stream().map(c -> new VersionViews.CaseResult(
                c.scenarioName, c.passed, List.of(ApiJson.readValue(c.differences, VersionViews.Difference[].class)),
                List.of(ApiJson.readValue(c.firedRules, String[].class)))).toList();
        return new VersionViews.TestRunDetail(VersionViews.TestRunSummary.of(run, version), cases);
    }

    /**
     * Approves a version in review; never by its author, an editor or its submitter. A simulation
     * must cover it ({@link SimulationCoverage}), or the approver must say
     * {@code acknowledgeNoSimulation: true}; the APPROVED event records which.
     */
    public VersionViews.Summary approve(String code, int number, VersionRequests.Approve request) {
        String comment = comment(new VersionRequests.Comment(request == null ? null : request.comment()), false);
        boolean acknowledged = request != null && Boolean.TRUE.equals(request.acknowledgeNoSimulation());
        RuleSetVersion version = version(code, number);
        requireStatus(version, "approved", RuleSetStatus.IN_REVIEW);
        requireFourEyes(version, "approve");
        BackgroundJob simulation = SimulationCoverage.covering(version).orElse(null);
        if (simulation == null && !acknowledged) {
            throw ProblemException.unprocessable("no simulation covers version " + number + " of " + code
                    + ": none is DONE on its current content (sha256 " + version.sha256 + ") over at least the "
                    + SimulationCoverage.DAYS + " days up to the day it ran. Simulate it (POST .../versions/" + number
                    + "/simulations) or approve with acknowledgeNoSimulation: true",
                    List.of(new FieldError("acknowledgeNoSimulation", "must be true to approve a version no simulation covers")));
        }
        long compileMs = compileIntoCache(version);
        version.status = RuleSetStatus.APPROVED.name();
        version.approver = user.name();
        version.approvedAt = Instant.now();
        version.updatedAt = version.approvedAt;
        record(version, APPROVED, comment, details("sha256", version.sha256, "compileMs", compileMs,
                "simulationId", simulation == null ? null : simulation.id,
                "acknowledgeNoSimulation", simulation == null ? Boolean.TRUE : null));
        return summary(version);
    }

    /** Rejects a version in review, with a comment saying why; never by its author. */
    public VersionViews.Summary reject(String code, int number, VersionRequests.Comment request) {
        String comment = comment(request, true);
        RuleSetVersion version = version(code, number);
        requireStatus(version, "rejected", RuleSetStatus.IN_REVIEW);
        requireFourEyes(version, "reject");
        version.status = RuleSetStatus.REJECTED.name();
        version.updatedAt = Instant.now();
        record(version, REJECTED, comment, details("sha256", version.sha256));
        return summary(version);
    }

    /**
     * Publishes an approved version from {@code effectiveFrom} (today or later). The content is
     * in the compiled cache (since approval, or compiled now after a restart) before the catalog
     * switch, which is the commit: a decision sees either the old version or the new one, ready.
     */
    public VersionViews.Summary publish(String code, int number, VersionRequests.Publish request) {
        LocalDate effectiveFrom = effectiveFrom(request);
        String comment = request == null ? null : comment(new VersionRequests.Comment(request.comment()), false);
        RuleSetVersion version = version(code, number);
        requireStatus(version, "published", RuleSetStatus.APPROVED);
        long compileMs = compileIntoCache(version);
        version.status = RuleSetStatus.PUBLISHED.name();
        catalog.changedInThisTransaction();
        version.effectiveFrom = effectiveFrom;
        version.publishedAt = Instant.now();
        version.updatedAt = version.publishedAt;
        record(version, PUBLISHED, comment, details("sha256", version.sha256, "effectiveFrom", effectiveFrom.toString(),
                "compileMs", compileMs));
        LOG.infof("%s version %d (sha256 %s) published by %s, in force from %s", code, number, version.sha256.substring(0, 12),
                user.name(), effectiveFrom);
        return summary(version);
    }

    /** Retires a published or approved version: no decision uses it from now on (replays still may). */
    public VersionViews.Summary retire(String code, int number, VersionRequests.Comment request) {
        String comment = comment(request, true);
        RuleSetVersion version = version(code, number);
        requireStatus(version, "retired", RuleSetStatus.PUBLISHED, RuleSetStatus.APPROVED);
        version.status = RuleSetStatus.RETIRED.name();
        catalog.changedInThisTransaction();
        version.retiredAt = Instant.now();
        version.updatedAt = version.retiredAt;
        record(version, RETIRED, comment, details("sha256", version.sha256));
        LOG.infof("%s version %d retired by %s", code, number, user.name());
        return summary(version);
    }

    /**
     * Rolls back to an earlier version by publishing its content as a new version, so history stays
     * linear. Only content that was once approved and published (now PUBLISHED or RETIRED) can be
     * rolled back to; the new version records the rollback as its creation and its publication.
     */
    public VersionViews.Summary rollback(String code, int number, VersionRequests.Publish request) {
        LocalDate effectiveFrom = effectiveFrom(request);
        String comment = comment(new VersionRequests.Comment(request == null ? null : request.comment()), true);
        Product product = Product.findByCodeForUpdate(code).orElseThrow(() -> noProduct(code));
        RuleSetVersion target = RuleSetVersion.find(product, number)
                .orElseThrow(() -> ProblemException.notFound(code + " has no version " + number));
        requireStatus(target, "rolled back to", RuleSetStatus.PUBLISHED, RuleSetStatus.RETIRED);
        RuleSetVersion version = newDraft(product, target, "rollback to version " + number);
        long compileMs = compileIntoCache(version);
        Instant now = Instant.now();
        version.status = RuleSetStatus.PUBLISHED.name();
        catalog.changedInThisTransaction();
        version.approver = user.name();
        version.approvedAt = now;
        version.effectiveFrom = effectiveFrom;
        version.publishedAt = now;
        version.updatedAt = now;
        record(version, PUBLISHED, comment, details("sha256", version.sha256, "effectiveFrom", effectiveFrom.toString(),
                "rollbackTo", number, "compileMs", compileMs));
        LOG.infof("%s rolled back to the content of version %d as version %d by %s, in force from %s", code, number,
                version.version, user.name(), effectiveFrom);
        return summary(version);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VersionViews.Event> history(String code, int number) {
        Product product = product(code);
        List<VersionEvent> events = VersionEvent.of(product, number);
        if (events.isEmpty() && RuleSetVersion.find(product, number).isEmpty()) {
            throw ProblemException.notFound(code + " has no version " + number);
        }
        return events.stream().map(VersionViews.Event::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VersionViews.Event> history(String code) {
        return VersionEvent.of(product(code)).stream().map(VersionViews.Event::of).toList();
    }

    /**
     * Makes sure the version's content is compiled in the shared cache: approval compiles it, so
     * that publishing is only the catalog switch. The stored content must still hash to the
     * version's sha256.
     */
    private long compileIntoCache(RuleSetVersion version) {
        long started = System.nanoTime();
        Map<String, String> files = RuleSetFile.contentOf(version);
        String stored = new RuleSetSource(files).sha256();
        if (!stored.equals(version.sha256)) {
            throw new cn.ruralcredit.loanfactory.decision.ruleset.RuleSetIntegrityException("version " + version.version
                    + " of " + version.product.code + " hashes to " + stored + ", not to its recorded " + version.sha256);
        }
        if (cache.contains(version.sha256)) return 0;
        try {
            // a reviewed version runs in this JVM: compiled here, through the rule guard again
            cache.serving(version.sha256, () -> files);
        } catch (RuleCompilationException e) {
            // approved content always validated; this is a stored version altered or a stricter guard
            throw ProblemException.unprocessable("version " + version.version + " no longer passes validation; not published",
                    e.problems().stream().map(p -> new FieldError(p.file() + ":" + p.line() + ":" + p.column(), p.message())).toList());
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static LocalDate effectiveFrom(VersionRequests.Publish request) {
        LocalDate today = LocalDate.now(DecisionClock.ZONE);
        LocalDate effectiveFrom = request == null || request.effectiveFrom() == null ? today : request.effectiveFrom();
        if (effectiveFrom.isBefore(today)) {
            throw ProblemException.badField("effectiveFrom", "must be today (" + today + ") or later; decisions already made are never re-dated");
        }
        return effectiveFrom;
    }

    static String comment(VersionRequests.Comment request, boolean required) {
        String comment = request == null ? null : request.comment();
        new FieldErrors()
                .refuseIf(required && FieldErrors.blank(comment), "comment", "is required: say why")
                .refuseIf(comment != null && comment.length() > MAX_COMMENT, "comment", "must be at most " + MAX_COMMENT + " characters")
                .throwIfAny();
        return FieldErrors.blank(comment) ? null : comment.strip();
    }

    private void requireFourEyes(RuleSetVersion version, String action) {
        String me = user.name();
        if (me.equals(version.author) || VersionEvent.hasActed(version.product, version.version, me, AUTHORING)) {
            throw ProblemException.forbidden("you wrote, edited or submitted version " + version.version + " of "
                    + version.product.code + "; another approver must " + action + " it");
        }
    }

    static void requireStatus(RuleSetVersion version, String action, RuleSetStatus... allowed) {
        for (RuleSetStatus s : allowed) if (s.name().equals(version.status)) return;
        throw ProblemException.conflict("version " + version.version + " of " + version.product.code + " is " + version.status
                + "; only a version that is " + java.util.Arrays.stream(allowed).map(Enum::name)
                .reduce((a, b) -> a + " or " + b).orElseThrow() + " can be " + action);
    }

    private void record(RuleSetVersion version, LifecycleEvent event, String comment, Map<String, Object> details) {
        VersionEvent.record(version.product, version.version, event.name(), user.name(), comment, ApiJson.write(details));
    }

    /** Event details from key-value pairs, leaving out null values. */
    static Map<String, Object> details(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static RuleSetSource source(RuleSetVersion version) {
        return new RuleSetSource(RuleSetFile.contentOf(version));
    }

    static Product product(String code) {
        return Product.findByCode(code).orElseThrow(() -> noProduct(code));
    }

    /** Version {@code number} of product {@code code}; a 404 naming which is missing. Call within a transaction. */
    public static RuleSetVersion version(String code, int number) {
        return RuleSetVersion.find(product(code), number)
                .orElseThrow(() -> ProblemException.notFound(code + " has no version " + number));
    }

    private static ProblemException noProduct(String code) {
        return ProblemException.notFound("no product " + code);
    }

    /** Flushes pending changes first, so that the view shows the new lockVersion. */
    private static void flushIfWriting() {
        if (RuleSetVersion.getEntityManager().isJoinedToTransaction()) RuleSetVersion.getEntityManager().flush();
    }

    private static VersionViews.Summary summary(RuleSetVersion version) {
        flushIfWriting();
        return VersionViews.Summary.of(version);
    }

    private static VersionViews.Detail detail(RuleSetVersion version) {
        flushIfWriting();
        return new VersionViews.Detail(VersionViews.Summary.of(version), RuleSetFile.contentOf(version),
                VersionSimulation.latestOf(version));
    }
}
