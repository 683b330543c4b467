package cn.ruralcredit.loanfactory.rules.guard;

import cn.ruralcredit.loanfactory.rules.guard.GuardViolation.Construct;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guard on rule sets edited at run time: a rule set may run nothing but rules. It checks in
 * two steps, both on what the compiler reads and produces rather than on the DRL text:
 * <ol>
 *   <li>{@link #checkSource} on the parsed DRL: file names, package, attributes (salience a
 *       literal, no {@code enabled}, timers or dates), the java dialect only, no queries;</li>
 *   <li>{@link #checkCompiled} on the bytecode the executable model compiled the rule set to: every
 *       reference against the {@link Allowlist}, no loops, no recursion, no locks, no array or
 *       scale sized by a computed number.</li>
 * </ol>
 * Every refusal names the rule (or function, or declared type), the file and the line.
 */
public final class RuleGuard {
    private final Allowlist allowlist;

    public RuleGuard() {
        this(Allowlist.standard());
    }

    RuleGuard(Allowlist allowlist) {
        this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
    }

    /** The DRL of a rule set as the compiler parses it, with what the source check refused. */
    public static final class SourceCheck {
        private final Map<String, String> files;
        private final Map<String, PackageDescr> parsed;
        private final List<GuardViolation> violations;

        private SourceCheck(Map<String, String> files, Map<String, PackageDescr> parsed, List<GuardViolation> violations) {
            this.files = files;
            this.parsed = parsed;
            this.violations = List.copyOf(violations);
        }

        public List<GuardViolation> violations() {
            return violations;
        }
    }

    public SourceCheck checkSource(Map<String, String> files) {
        List<GuardViolation> found = new ArrayList<>();
        Map<String, PackageDescr> parsed = new LinkedHashMap<>();
        files.forEach((file, text) -> {
            List<GuardViolation> name = DrlChecks.checkFileName(file);
            found.addAll(name);
            if (!name.isEmpty()) return;
            DrlParser parser = new DrlParser();
            try {
                PackageDescr pkg = parser.parse(false, text);
                if (pkg != null && !parser.hasErrors()) {
                    parsed.put(file, pkg);
                    found.addAll(DrlChecks.check(file, pkg));
                }
                // a file that does not parse is left to the compiler, which reports where
            } catch (DroolsParserException e) {
                // likewise
            }
        });
        return new SourceCheck(files, parsed, found);
    }

    /**
     * Checks the compiled classes of a rule set whose source passed {@link #checkSource}.
     *
     * @param classes every class the compile produced, by internal name ({@code a/b/C})
     */
    public List<GuardViolation> checkCompiled(SourceCheck source, Map<String, byte[]> classes) {
        RuleLocator locator = new RuleLocator(source.parsed, source.files);
        locator.index(classes);
        Set<GuardViolation> out = new LinkedHashSet<>();
        for (BytecodeChecks.Finding f : BytecodeChecks.check(allowlist, classes)) out.add(locate(locator, f));
        List<GuardViolation> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(GuardViolation::file).thenComparingInt(GuardViolation::line)
                .thenComparingInt(GuardViolation::column));
        return sorted;
    }

    private static GuardViolation locate(RuleLocator locator, BytecodeChecks.Finding f) {
        RuleLocator.Place place = locator.locate(f.className(), f.method());
        if (place == null) {
            return new GuardViolation(f.construct(), "", 0, 0, "", "in code generated for the rule set ("
                    + BytecodeChecks.dotted(f.className()) + "): " + f.message());
        }
        int line = place.line();
        int column = place.column();
        // point at the first mention of the member in the rule's text, so an editor can mark it
        String member = f.member().contains("/") ? f.member().substring(f.member().lastIndexOf('/') + 1) : f.member();
        if (!member.isEmpty() && !member.startsWith("<") && !place.text().isEmpty()) {
            // after the first line: the rule's or function's name may mention the member too
            int from = Math.max(place.text().indexOf('\n'), 0);
            Matcher m = Pattern.compile("\\b" + Pattern.quote(member) + "\\b").matcher(place.text());
            if (m.find(from)) {
                String before = place.text().substring(0, m.start());
                int newlines = (int) before.chars().filter(ch -> ch == '\n').count();
                line += newlines;
                column = newlines == 0 ? column + m.start() : m.start() - before.lastIndexOf('\n');
            }
        }
        return new GuardViolation(f.construct(), place.file(), line, column, place.name(),
                place.kind() + " \"" + place.name() + "\" " + f.message());
    }
}
