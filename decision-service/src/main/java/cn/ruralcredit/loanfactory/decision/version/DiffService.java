package cn.ruralcredit.loanfactory.decision.version;

import cn.ruralcredit.loanfactory.catalog.scenario.SuiteCase;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetFile;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetStatus;
import cn.ruralcredit.loanfactory.catalog.version.RuleSetVersion;
import cn.ruralcredit.loanfactory.decision.ruleset.RuleRunner;
import cn.ruralcredit.loanfactory.decision.scenario.SuiteRunner;
import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.scenario.ScenarioResult;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Two versions of a product side by side: a unified diff of their DRL, file by file, and the
 * product's current scenario suite run against both now (nothing stored), case by case.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DiffService {
    static final int CONTEXT_LINES = 3;

    @Inject
    RuleSetChecks checks;
    @Inject
    RuleRunner runner;
    @Inject
    SuiteRunner suites;

    public record Diff(Side from, Side to, List<FileChange> files, String unifiedDiff, ScenarioSummary summary,
                       List<ScenarioComparison> scenarios) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Side(int version, String status, String sha256, List<VersionViews.Problem> problems) {
    }

    public record FileChange(String path, String change, int linesAdded, int linesRemoved) {
    }

    /** How many cases pass on each side, and how many changed result. */
    public record ScenarioSummary(int total, int passedFrom, int passedTo, int changed) {
    }

    /** One case on both sides; a side is null when that version does not validate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScenarioComparison(String scenario, VersionViews.CaseResult from, VersionViews.CaseResult to, boolean changed) {
    }

    public Diff diff(String code, int fromNumber, int toNumber) {
        RuleSetVersion from = VersionService.version(code, fromNumber);
        RuleSetVersion to = VersionService.version(code, toNumber);
        Map<String, String> fromFiles = RuleSetFile.contentOf(from);
        Map<String, String> toFiles = RuleSetFile.contentOf(to);

        List<FileChange> changes = new ArrayList<>();
        StringBuilder unified = new StringBuilder();
        TreeSet<String> paths = new TreeSet<>(fromFiles.keySet());
        paths.addAll(toFiles.keySet());
        for (String path : paths) {
            String a = fromFiles.get(path);
            String b = toFiles.get(path);
            if (Objects.equals(a, b)) {
                changes.add(new FileChange(path, "UNCHANGED", 0, 0));
                continue;
            }
            List<String> aLines = lines(a);
            List<String> bLines = lines(b);
            var patch = DiffUtils.diff(aLines, bLines);
            int added = patch.getDeltas().stream().mapToInt(d -> d.getTarget().size()).sum();
            int removed = patch.getDeltas().stream().mapToInt(d -> d.getSource().size()).sum();
            changes.add(new FileChange(path, a == null ? "ADDED" : b == null ? "REMOVED" : "MODIFIED", added, removed));
            String aName = a == null ? "/dev/null" : "v" + fromNumber + "/" + path;
            String bName = b == null ? "/dev/null" : "v" + toNumber + "/" + path;
            UnifiedDiffUtils.generateUnifiedDiff(aName, bName, aLines, patch, CONTEXT_LINES)
                    .forEach(line -> unified.append(line).append('\n'));
        }

        List<SuiteCase> suite = SuiteCase.of(from.product);
        Run fromRun = run(from, fromFiles, suite);
        Run toRun = run(to, toFiles, suite);
        List<ScenarioComparison> scenarios = new ArrayList<>();
        int passedFrom = 0, passedTo = 0, changed = 0;
        for (int i = 0; i < suite.size(); i++) {
            VersionViews.CaseResult a = fromRun.results == null ? null : VersionViews.CaseResult.of(fromRun.results.get(i));
            VersionViews.CaseResult b = toRun.results == null ? null : VersionViews.CaseResult.of(toRun.results.get(i));
            boolean differs = a == null || b == null || a.passed() != b.passed() || !a.differences().equals(b.differences());
            if (a != null && a.passed()) passedFrom++;
            if (b != null && b.passed()) passedTo++;
            if (differs) changed++;
            scenarios.add(new ScenarioComparison(suite.get(i).name, a, b, differs));
        }
        return new Diff(fromRun.side, toRun.side, changes, unified.toString(),
                new ScenarioSummary(suite.size(), passedFrom, passedTo, changed), scenarios);
    }

    private record Run(Side side, List<ScenarioResult> results) {
    }

    private Run run(RuleSetVersion version, Map<String, String> files, List<SuiteCase> suite) {
        if (!RuleRunner.reviewed(version.status)) {
            VersionViews.Validation checked = checks.check(new RuleSetSource(files));
            if (!checked.valid()) {
                return new Run(new Side(version.version, version.status, version.sha256, checked.problems()), null);
            }
        }
        return new Run(new Side(version.version, version.status, version.sha256, null),
                suites.run(runner.evaluatorFor(version.status, version.sha256, () -> files), suite));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.asList(text.split("\n", -1));
    }
}
