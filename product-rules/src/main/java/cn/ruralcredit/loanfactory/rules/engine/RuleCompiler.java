package cn.ruralcredit.loanfactory.rules.engine;

import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles DRL text at run time into an immutable {@link CompiledRuleSet}. Each compile gets its
 * own release id, and the module is removed from the KIE repository once its KieBase is built,
 * so no compile is retained by the repository.
 */
public final class RuleCompiler {
    private static final String RESOURCES = "src/main/resources/";
    private static final AtomicLong COMPILES = new AtomicLong();
    private static final Pattern POSITION = Pattern.compile("\\[Line: (\\d+), Column: (\\d+)]");

    private final KieServices kieServices = KieServices.Factory.get();

    public CompiledRuleSet compile(RuleSetSource source) {
        String sha256 = source.sha256();
        ReleaseId releaseId = kieServices.newReleaseId("cn.ruralcredit.loanfactory.compiled",
                "ruleset-" + sha256.substring(0, 16) + "-" + COMPILES.incrementAndGet(), "1.0.0");
        KieFileSystem kfs = kieServices.newKieFileSystem().generateAndWritePomXML(releaseId);
        for (Map.Entry<String, String> file : source.files().entrySet()) {
            kfs.write(RESOURCES + file.getKey(), file.getValue());
        }
        KieBuilder builder = kieServices.newKieBuilder(kfs).buildAll(DrlProject.class);
        try {
            List<CompileProblem> problems = builder.getResults().getMessages(Message.Level.ERROR).stream()
                    .map(RuleCompiler::toProblem)
                    .toList();
            if (!problems.isEmpty()) throw new RuleCompilationException(problems);
            KieContainer container = kieServices.newKieContainer(releaseId);
            return new CompiledRuleSet(sha256, container.getKieBase());
        } finally {
            kieServices.getRepository().removeKieModule(releaseId);
        }
    }

    private static CompileProblem toProblem(Message m) {
        String path = m.getPath() == null ? "" : m.getPath();
        if (path.startsWith(RESOURCES)) path = path.substring(RESOURCES.length());
        int line = Math.max(m.getLine(), 0);
        int column = Math.max(m.getColumn(), 0);
        // expression errors carry their position only in the text: "[Line: 5, Column: 4]"
        Matcher at = POSITION.matcher(m.getText());
        if (at.find()) {
            if (line == 0) line = Integer.parseInt(at.group(1));
            if (column == 0) column = Integer.parseInt(at.group(2));
        }
        String text = m.getText();
        if (text.startsWith("Rule Compilation error")) {
            // Drools places a Java error in a consequence at the rule's first line and gives no finer position
            text = text + " (in the consequence, then … end, of the rule that starts at this line)";
        }
        return new CompileProblem(path, line, column, text);
    }
}
