package cn.ruralcredit.loanfactory.rules.compile;

import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleCompilerTest {
    private static final String HEADER = """
            package cn.ruralcredit.loanfactory.rules.test;
            import cn.ruralcredit.loanfactory.rules.model.*;
            """;

    @Test
    void shouldLocateACompileErrorByFileLineAndColumn() {
        String drl = HEADER + """
                rule "TEST: typo in a constraint"
                when
                    Applicant( annualIncomme > 0 )
                then
                end
                """;
        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> new RuleCompiler()
                .compile(new RuleSetSource(Map.of("TEST/grading.drl", drl))));
        CompileProblem p = e.problems().get(0);
        assertEquals("TEST/grading.drl", p.file());
        assertEquals(5, p.line(), e.getMessage());
        assertTrue(p.column() > 0, "column of " + p);
        assertTrue(p.message().contains("annualIncomme"), p.message());
    }

    @Test
    void shouldLocateAnErrorInAConsequenceInTheRuleFileNotTheGeneratedJava() {
        String drl = HEADER + """
                rule "TEST: a consequence that does not compile"
                when
                    Applicant( annualIncome > 0 )
                then
                    insert( new LimitTerms( "10000" ) );
                    undefinedThing.call();
                end
                """;
        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> new RuleCompiler()
                .compile(new RuleSetSource(Map.of("TEST/other.drl", HEADER, "TEST/limit.drl", drl))));
        assertEquals(1, e.problems().size(), e.getMessage());
        CompileProblem p = e.problems().get(0);
        assertEquals("TEST/limit.drl", p.file(), e.getMessage());
        assertEquals(8, p.line(), e.getMessage());
        assertEquals(5, p.column(), e.getMessage());
        assertTrue(p.message().contains("undefinedThing"), p.message());
    }

    @Test
    void shouldLocateASyntaxErrorInTheRightFile() {
        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> new RuleCompiler()
                .compile(new RuleSetSource(Map.of(
                        "TEST/a.drl", HEADER + "rule \"fine\" when then end\n",
                        "TEST/b.drl", HEADER + "rule \"broken\" when Applicant( then end\n"))));
        assertTrue(e.problems().stream().allMatch(p -> p.file().equals("TEST/b.drl")), e.getMessage());
        assertEquals(3, e.problems().get(0).line(), e.getMessage());
    }

    @Test
    void shouldIdentifyContentBySha256() {
        RuleSetSource a = new RuleSetSource(Map.of("x.drl", "rule a"));
        assertEquals(a.sha256(), new RuleSetSource(Map.of("x.drl", "rule a")).sha256());
        assertNotEquals(a.sha256(), new RuleSetSource(Map.of("x.drl", "rule b")).sha256());
        assertNotEquals(a.sha256(), new RuleSetSource(Map.of("y.drl", "rule a")).sha256());
        assertEquals(64, a.sha256().length());
    }
}
