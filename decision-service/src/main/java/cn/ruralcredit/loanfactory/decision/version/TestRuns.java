package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.catalog.scenario.SuiteCase;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetFile;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetStatus;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.catalog.version.TestCaseResult;
import cn.ruralcredit.loanfactory.catalog.version.TestRun;
import cn.ruralcredit.loanfactory.catalog.version.VersionEvent;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleRunner;
import cn.ruralcredit.loanfactory.decision.ruleset.StaffWorkLimit;
import cn.ruralcredit.loanfactory.decision.scenario.SuiteRunner;
import cn.ruralcredit.loanfactory.decision.security.CurrentUser;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.request.FieldError;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static cn.ruralcredit.loanfactory.decision.version.LifecycleEvent.SUBMITTED;
import static cn.ruralcredit.loanfactory.decision.version.LifecycleEvent.TESTED;
import static cn.ruralcredit.loanfactory.decision.version.LifecycleEvent.VALIDATED;

/**
 * Validation, test runs and submission: the staff work that runs a version's rules. The version
 * and its suite are read in one short transaction, the rules run (in a rule worker for a version
 * nobody has reviewed) with no transaction and no database connection held, and the result is
 * written in another short one, after checking the version was not edited meanwhile. A slow or
 * hanging rule set therefore never holds one of the connections decisions need.
 */
@ApplicationScoped
public class TestRuns {
    @Inject
    CurrentUser user;
    @Inject
    RuleSetChecks checks;
    @Inject
    SuiteRunner suites;
    @Inject
    RuleRunner runner;
    @Inject
    StaffWorkLimit limit;

    /** A version as read for a check: what runs, and what the result is written against. */
    private record Loaded(String code, int number, String status, String sha256, Map<String, String> files,
                          List<SuiteCase> suite) {
        RuleSetSource source() {
            return new RuleSetSource(files);
        }
    }

    /** The sandbox check and compilation; recorded as an event, changing nothing else. */
    public VersionViews.Validation validate(String code, int number) {
        return limit.run(user.name(), () -> validated(code, number));
    }

    private VersionViews.Validation validated(String code, int number) {
        Loaded loaded = load(code, number, false);
        VersionViews.Validation validation = checks.check(loaded.source());
        QuarkusTransaction.requiringNew().run(() -> {
            RuleSetVersion version = VersionService.version(code, number);
            VersionEvent.record(version.product, number, VALIDATED.name(), user.name(), null, ApiJson.write(VersionService.details(
                    "sha256", loaded.sha256(), "valid", validation.valid(), "problems", validation.problems().size())));
        });
        return validation;
    }

    /** Runs the product's whole suite against the version and stores the result of every case. */
    public VersionViews.TestRunDetail test(String code, int number) {
        return limit.run(user.name(), () -> run(load(code, number, true)));
    }

    /**
     * Submits a draft for review: it is validated and the whole suite is run now, on the content as
     * it is; only a valid version that passes every case (of a suite that has at least one) goes
     * IN_REVIEW. A refused submission keeps its stored test run.
     */
    public VersionViews.Summary submit(String code, int number, VersionRequests.Comment request) {
        return limit.run(user.name(), () -> submitted(code, number, request));
    }

    private VersionViews.Summary submitted(String code, int number, VersionRequests.Comment request) {
        String comment = VersionService.comment(request, false);
        Loaded loaded = QuarkusTransaction.requiringNew().call(() -> {
            RuleSetVersion version = VersionService.version(code, number);
            VersionService.requireStatus(version, "submitted", RuleSetStatus.DRAFT);
            return loaded(version, true);
        });
        VersionViews.TestRunDetail run = run(loaded);
        if (run.summary().total() == 0) {
            throw ProblemException.unprocessable("the scenario suite of " + code
                    + " is empty: add at least one scenario before submitting a version for review");
        }
        if (run.summary().failed() > 0) {
            throw ProblemException.unprocessable(run.summary().failed() + " of " + run.summary().total()
                    + " scenarios fail (test run " + run.summary().id() + "); version " + number + " stays a draft",
                    run.cases().stream().filter(c -> !c.passed())
                            .map(c -> new FieldError("scenarios/" + c.scenario(), c.differences().stream()
                                    .map(d -> d.field() + ": expected " + d.expected() + " but was " + d.actual())
                                    .reduce((a, b) -> a + "; " + b).orElse("failed")))
                            .toList());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            RuleSetVersion version = unchanged(loaded);
            VersionService.requireStatus(version, "submitted", RuleSetStatus.DRAFT);
            version.status = RuleSetStatus.IN_REVIEW.name();
            version.submittedAt = Instant.now();
            version.updatedAt = version.submittedAt;
            VersionEvent.record(version.product, number, SUBMITTED.name(), user.name(), comment, ApiJson.write(VersionService.details(
                    "sha256", version.sha256, "testRunId", run.summary().id(), "passed", run.summary().passed())));
            RuleSetVersion.getEntityManager().flush();
            return VersionViews.Summary.of(version);
        });
    }

    private Loaded load(String code, int number, boolean withSuite) {
        return QuarkusTransaction.requiringNew().call(() -> loaded(VersionService.version(code, number), withSuite));
    }

    private static Loaded loaded(RuleSetVersion version, boolean withSuite) {
        return new Loaded(version.product.code, version.version, version.status, version.sha256,
                RuleSetFile.contentOf(version), withSuite ? SuiteCase.of(version.product) : List.of());
    }

    private VersionViews.TestRunDetail run(Loaded loaded) {
        VersionViews.Validation validation = checks.check(loaded.source());
        if (!validation.valid()) {
            throw ProblemException.unprocessable("version " + loaded.number() + " does not pass validation; no scenario was run",
                    validation.problems().stream()
                            .map(p -> new FieldError(p.file() + ":" + p.line() + ":" + p.column(), p.kind() + ": " + p.message()))
                            .toList());
        }
        List<ScenarioResult> results = suites.run(runner.evaluatorFor(loaded.status(), loaded.sha256(), loaded::files),
                loaded.suite());
        return QuarkusTransaction.requiringNew().call(() -> store(loaded, results));
    }

    private VersionViews.TestRunDetail store(Loaded loaded, List<ScenarioResult> results) {
        RuleSetVersion version = unchanged(loaded);
        TestRun run = new TestRun();
        run.ruleSetVersion = version;
        run.ruleSetSha256 = loaded.sha256();
        run.suiteSha256 = SuiteRunner.sha256(loaded.suite());
        run.ranAt = Instant.now();
        run.ranBy = user.name();
        run.total = results.size();
        run.passed = (int) results.stream().filter(ScenarioResult::passed).count();
        run.failed = run.total - run.passed;
        run.persist();
        for (ScenarioResult r : results) {
            TestCaseResult c = new TestCaseResult();
            c.run = run;
            c.scenarioName = r.name();
            c.passed = r.passed();
            c.differences = ApiJson.write(r.differences());
            c.firedRules = ApiJson.write(r.firedRules());
            c.persist();
        }
        VersionEvent.record(version.product, version.version, TESTED.name(), user.name(), null, ApiJson.write(VersionService.details(
                "runId", run.id, "sha256", run.ruleSetSha256, "suiteSha256", run.suiteSha256,
                "total", run.total, "passed", run.passed, "failed", run.failed)));
        RuleSetVersion.getEntityManager().flush();
        return new VersionViews.TestRunDetail(VersionViews.TestRunSummary.of(run, version),
                results.stream().map(VersionViews.CaseResult::of).toList());
    }

    /** The version again, refused with a 409 when it was edited while its rules ran. */
    private static RuleSetVersion unchanged(Loaded loaded) {
        RuleSetVersion version = VersionService.version(loaded.code(), loaded.number());
        if (!version.sha256.equals(loaded.sha256())) {
            throw ProblemException.conflict("version " + loaded.number() + " of " + loaded.code() + " was edited while its"
                    + " scenarios ran (sha256 " + loaded.sha256() + ", now " + version.sha256 + "); run them again");
        }
        return version;
    }
}
