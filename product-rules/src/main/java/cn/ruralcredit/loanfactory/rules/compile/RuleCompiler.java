package cn.ruralcredit.loanfactory.rules.compile;

import cn.ruralcredit.loanfactory.rules.engine.CompiledRuleSet;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.guard.GuardViolation;
import cn.ruralcredit.loanfactory.rules.guard.RuleGuard;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles DRL text at run time into an immutable {@link CompiledRuleSet}, through the
 * {@link RuleGuard}: the parsed DRL is checked first, then the rule set is compiled with the
 * executable model (every condition and consequence becomes Java bytecode, nothing is left to be
 * interpreted at run time), and the bytecode is checked before any of it is loaded. Only then is
 * the KieBase built from those same bytes. There is no way through this class to a KieBase that
 * the guard did not check.
 *
 * <p>Each compile gets its own release id, and the module is removed from the KIE repository once
 * its KieBase is built, so no compile is retained by the repository.
 */
public final class RuleCompiler {
    private static final String RESOURCES = "src/main/resources/";
    private static final AtomicLong COMPILES = new AtomicLong();
    private static final String GENERATED_SOURCE = "Java source of ";
    private static final Pattern POSITION = Pattern.compile("\\[Line: (\\d+), Column: (\\d+)]");

    private final KieServices kieServices = KieServices.Factory.get();
    private final RuleGuard guard = new RuleGuard();

    /**
     * @throws RuleRefusedException     when the rule guard refuses the rule set
     * @throws RuleCompilationException when it does not compile
     */
    public CompiledRuleSet compile(RuleSetSource source) {
        RuleGuard.SourceCheck checked = guard.checkSource(source.files());
        if (!checked.violations().isEmpty()) throw new RuleRefusedException(checked.violations());
        String sha256 = source.sha256();
        ReleaseId releaseId = kieServices.newReleaseId("cn.ruralcredit.loanfactory.compiled",
                "ruleset-" + sha256.substring(0, 16) + "-" + COMPILES.incrementAndGet(), "1.0.0");
        KieFileSystem kfs = kieServices.newKieFileSystem().generateAndWritePomXML(releaseId);
        for (Map.Entry<String, String> file : source.files().entrySet()) {
            kfs.write(RESOURCES + file.getKey(), file.getValue());
        }
        KieBuilder builder;
        try {
            builder = kieServices.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        } catch (RuntimeException e) {
            // the compiler itself failed on this content (it does on some annotations): the rule set does not compile
            kieServices.getRepository().removeKieModule(releaseId);
            throw new RuleCompilationException(List.of(new CompileProblem("", 0, 0, "the compiler failed on this rule set: " + e)));
        }
        try {
            List<CompileProblem> problems = inRuleFiles(builder.getResults().getMessages(Message.Level.ERROR).stream()
                    .map(m -> toProblem(m, source.files()))
                    .toList(), source.files());
            if (!problems.isEmpty()) throw new RuleCompilationException(problems);
            List<GuardViolation> refused = guard.checkCompiled(checked, classesOf((InternalKieModule) builder.getKieModule()));
            if (!refused.isEmpty()) throw new RuleRefusedException(refused);
            KieContainer container = kieServices.newKieContainer(releaseId);
            return new CompiledRuleSet(sha256, container.getKieBase());
        } finally {
            kieServices.getRepository().removeKieModule(releaseId);
        }
    }

    /** Every class of the compiled module, by internal name: what the KieBase will load. */
    private static Map<String, byte[]> classesOf(InternalKieModule module) {
        Map<String, byte[]> classes = new HashMap<>();
        for (String name : module.getFileNames()) {
            if (name.endsWith(".class")) classes.put(name.substring(0, name.length() - ".class".length()), module.getBytes(name));
        }
        return classes;
    }

    /**
     * The executable model compiles each consequence ({@code then} part) as generated Java, and javac
     * reports an error there by the generated file's line. The compiler adds that file's source to
     * its messages ("Java source of … in error"): the statement on the reported line is found in the
     * rule files and the problem located there instead, by DRL file, line and column, and the long
     * message carrying the generated source is dropped once every problem of that file is located.
     * A problem whose statement is not found in any rule file is kept as the compiler reported it.
     */
    static List<CompileProblem> inRuleFiles(List<CompileProblem> problems, Map<String, String> files) {
        Map<String, String> generated = new HashMap<>();
        for (CompileProblem p : problems) {
            if (!files.containsKey(p.file()) && p.message().startsWith(GENERATED_SOURCE + p.file())) {
                int start = p.message().indexOf('\n');
                if (start > 0) generated.put(p.file(), p.message().substring(start + 1));
            }
        }
        if (generated.isEmpty()) return problems;
        List<CompileProblem> located = new ArrayList<>();
        Set<String> unlocated = new HashSet<>();
        for (CompileProblem p : problems) {
            String source = generated.get(p.file());
            if (source == null || p.message().startsWith(GENERATED_SOURCE)) {
                located.add(p);
                continue;
            }
            CompileProblem inDrl = p.line() > 0 ? locateStatement(source, p, files) : null;
            if (inDrl == null) {
                unlocated.add(p.file());
                located.add(p);
            } else {
                located.add(inDrl);
            }
        }
        return located.stream()
                .filter(p -> !(p.message().startsWith(GENERATED_SOURCE) && generated.containsKey(p.file()) && !unlocated.contains(p.file())))
                .toList();
    }

    private static CompileProblem locateStatement(String source, CompileProblem p, Map<String, String> files) {
        String[] lines = source.split("\n", -1);
        if (p.line() > lines.length) return null;
        String statement = lines[p.line() - 1].strip();
        List<String> candidates = new ArrayList<>(List.of(statement));
        if (statement.startsWith("drools.")) candidates.add(statement.substring("drools.".length()));
        for (String fragment : candidates) {
            if (fragment.length() < 3) continue;
            for (Map.Entry<String, String> f : files.entrySet()) {
                int i = f.getValue().indexOf(fragment);
                if (i < 0) continue;
                String before = f.getValue().substring(0, i);
                int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
                int column = i - before.lastIndexOf('\n');
                return new CompileProblem(f.getKey(), line, column, p.message());
            }
        }
        return null;
    }

    private static CompileProblem toProblem(Message m, Map<String, String> files) {
        String path = m.getPath() == null ? "" : m.getPath();
        if (path.startsWith(RESOURCES)) path = path.substring(RESOURCES.length());
        int line = Math.max(m.getLine(), 0);
        int column = Math.max(m.getColumn(), 0);
        String text = m.getText() == null ? "" : m.getText();
        // expression errors carry their position only in the text: "[Line: 5, Column: 4]"
        Matcher at = POSITION.matcher(text);
        if (at.find()) {
            if (line == 0) line = Integer.parseInt(at.group(1));
            if (column == 0) column = Integer.parseInt(at.group(2));
        }
        if (line == 0) {
            // the executable model names the expression it could not compile ("...: annualIncomme > 0"): find it
            int colon = text.lastIndexOf(": ");
            String fragment = colon < 0 ? "" : text.substring(colon + 2).strip();
            if (fragment.length() >= 3) {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    if (!path.isEmpty() && !path.equals(f.getKey())) continue;
                    int i = f.getValue().indexOf(fragment);
                    if (i < 0) continue;
                    String before = f.getValue().substring(0, i);
                    path = f.getKey();
                    line = (int) before.chars().filter(c -> c == '\n').count() + 1;
                    column = i - before.lastIndexOf('\n');
                    break;
                }
            }
        }
        return new CompileProblem(path, line, column, text);
    }
}
