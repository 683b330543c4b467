package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.catalog.version.TestRun;
import cn.ruralcredit.loanfactory.catalog.version.VersionEvent;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.simulation.VersionSimulation;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the product factory API returns for rule set versions (records; entities stay inside). */
public final class VersionViews {
    private VersionViews() {
    }

    /** A version without its content. {@code lockVersion} must be sent back with an edit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String productCode, int version, String status, String sha256, String author, String approver,
                          LocalDate effectiveFrom, String basedOn, String note, Instant createdAt, Instant updatedAt,
                          Instant submittedAt, Instant approvedAt, Instant publishedAt, Instant retiredAt,
                          long lockVersion, TestRunSummary latestTestRun) {
        public static Summary of(RuleSetVersion v) {
            return new Summary(v.product.code, v.version, v.status, v.sha256, v.author, v.approver, v.effectiveFrom,
                    v.basedOn, v.note, v.createdAt, v.updatedAt, v.submittedAt, v.approvedAt, v.publishedAt, v.retiredAt,
                    v.lockVersion, TestRun.latest(v).map(r -> TestRunSummary.of(r, v)).orElse(null));
        }
    }

    /** A version with its DRL files and its latest simulation (null when it has none). */
    public record Detail(@JsonUnwrapped Summary summary, Map<String, String> files, VersionSimulation latestSimulation) {
    }

    /** A stored test run: counts, and whether it ran this version's current content. */
    public record TestRunSummary(long id, Instant ranAt, String ranBy, String ruleSetSha256, String suiteSha256,
                                 int total, int passed, int failed, boolean ofCurrentContent) {
        public static TestRunSummary of(TestRun r, RuleSetVersion v) {
            return new TestRunSummary(r.id, r.ranAt, r.ranBy, r.ruleSetSha256, r.suiteSha256, r.total, r.passed,
                    r.failed, r.ruleSetSha256.equals(v.sha256));
        }
    }

    /** A test run with the result of every case. */
    public record TestRunDetail(@JsonUnwrapped TestRunSummary summary, List<CaseResult> cases) {
    }

    public record CaseResult(String scenario, boolean passed, List<Difference> differences, List<String> firedRules) {
        public static CaseResult of(cn.ruralcredit.loanfactory.rules.scenario.ScenarioResult r) {
            return new CaseResult(r.name(), r.passed(),
                    r.differences().stream().map(d -> new Difference(d.field(), d.expected(), d.actual())).toList(),
                    r.firedRules());
        }
    }

    public record Difference(String field, String expected, String actual) {
    }

    /** Result of the validate step: sandbox check, then compilation. */
    public record Validation(String sha256, boolean valid, List<Problem> problems) {
    }

    /** One problem of a rule set: {@code kind} SANDBOX or COMPILE, located by file, line and column. */
    public record Problem(String kind, String file, int line, int column, String message) {
    }

    /** One lifecycle event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(int version, String event, String actor, Instant at, String comment, JsonNode details) {
        public static Event of(VersionEvent e) {
            return new Event(e.version, e.event, e.actor, e.occurredAt, e.comment,
                    e.details == null ? null : ApiJson.readStored(e.details));
        }
    }
}
