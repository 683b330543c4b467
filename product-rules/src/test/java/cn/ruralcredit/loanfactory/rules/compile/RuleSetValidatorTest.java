package cn.ruralcredit.loanfactory.rules.compile;

import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.seed.SeedProduct;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validate step: the rule guard on the DRL and on the compiled bytecode, every problem located. */
class RuleSetValidatorTest {
    private static final String EXTRA = "TEST/extra.drl";
    private static final String HEADER = """
            package cn.ruralcredit.loanfactory.rules.test;
            import cn.ruralcredit.loanfactory.rules.model.*;
            """;
    private final RuleSetValidator validator = new RuleSetValidator();

    /** FUNONG's seed rule set plus {@value #EXTRA}: {@link #HEADER} followed by {@code text} from line 3. */
    private static RuleSetSource funongWith(String text) {
        Map<String, String> files = new HashMap<>(SeedRuleSets.ruleSet("FUNONG").files());
        files.put(EXTRA, HEADER + text);
        return new RuleSetSource(files);
    }

    static Stream<String> seedProducts() {
        return SeedRuleSets.PRODUCTS.stream().map(SeedProduct::code);
    }

    @ParameterizedTest
    @MethodSource("seedProducts")
    void shouldFindEverySeedRuleSetValidAndCompileIt(String productCode) {
        RuleSetSource source = SeedRuleSets.ruleSet(productCode);
        Validation v = validator.validate(source);
        assertTrue(v.valid(), v.problems().toString());
        assertEquals(List.of(), v.problems());
        assertNotNull(v.compiled());
        assertEquals(source.sha256(), v.compiled().sha256());
        assertTrue(v.compiled().kieBase().getKiePackages().stream().mapToLong(p -> p.getRules().size()).sum() > 20);
    }

    @Test
    void shouldLocateATypoAsACompileProblem() {
        Validation v = validator.validate(funongWith("""
                rule "TEST: typo in a constraint"
                    ruleflow-group "eligibility"
                when
                    Applicant( annualIncomme > 0 )
                then
                end
                """));
        assertFalse(v.valid());
        assertNull(v.compiled());
        assertFalse(v.problems().isEmpty());
        ValidationProblem p = v.problems().get(0);
        assertEquals(ValidationProblem.COMPILE, p.kind());
        assertEquals(EXTRA, p.file());
        assertEquals(6, p.line(), p.toString());
        assertTrue(p.column() > 0, p.toString());
        assertTrue(p.message().contains("annualIncomme"), p.message());
        assertTrue(v.problems().stream().allMatch(q -> q.kind().equals(ValidationProblem.COMPILE) && q.file().equals(EXTRA)),
                v.problems().toString());
    }

    @Test
    void shouldReportGuardRefusalsWithTheRuleFileLineAndColumn() {
        Validation v = validator.validate(funongWith("""
                rule "TEST: exit and delete a file"
                    ruleflow-group "eligibility"
                when
                    Applicant( annualIncome > 0 )
                then
                    System.exit( 0 );
                    new java.io.File( "/tmp/x" ).delete();
                end
                """));
        assertFalse(v.valid());
        assertNull(v.compiled());
        assertEquals(List.of("SANDBOX 8:12", "SANDBOX 9:17", "SANDBOX 9:17", "SANDBOX 9:34"),
                v.problems().stream().map(p -> p.kind() + " " + p.line() + ":" + p.column()).toList(), v.problems().toString());
        v.problems().forEach(p -> assertEquals(EXTRA, p.file()));
        assertEquals("rule \"TEST: exit and delete a file\" calls java.lang.System.exit(int), which is not on the"
                + " rule guard's allowlist", v.problems().get(0).message());
        assertTrue(v.problems().stream().anyMatch(p -> p.message().contains("java.io.File constructor(String)")),
                v.problems().toString());
    }

    @Test
    void shouldAcceptAndCompileWhatTheGuardAllows() {
        Validation v = validator.validate(funongWith("""
                import java.math.BigDecimal;
                import java.time.LocalDate;
                import java.time.temporal.ChronoUnit;
                import java.util.List;
                import java.util.Map;
                import static java.util.Collections.emptyList;
                import function cn.ruralcredit.loanfactory.rules.model.Evaluation.completedYears;

                global List seen;
                global java.math.BigDecimal threshold;

                function BigDecimal half( BigDecimal x ) { return x.divide( BigDecimal.valueOf( 2 ) ); }
                function BigDecimal quarter( BigDecimal x ) { return half( half( x ) ); }

                declare Note
                    text : String
                end

                rule "TEST: what legitimate rules do"
                    ruleflow-group "scoring"
                    salience 5
                when
                    $a : Applicant( creditHistory.overdueCount24m == 0 )
                    $e : Evaluation()
                    eval( $a.getNetIncome().compareTo( BigDecimal.ZERO ) >= 0 )
                    $parts : List() from collect( ScorePart() )
                    accumulate( ScorePart( $p : points ); $score : sum( $p ) )
                then
                    long days = ChronoUnit.DAYS.between( $e.getBirthDate(), $e.getAsOfDate() );
                    int years = completedYears( $e.getBirthDate(), $e.getAsOfDate() );
                    BigDecimal q = quarter( new BigDecimal( "100" ) );
                    List<String> names = java.util.List.of( drools.getRule().getName() );
                    Map<String, Object> none = java.util.Collections.emptyMap();
                    List<Object> empty = emptyList();
                    if ( days < 0 ) { insert( new ScorePart( "negative", 0 ) ); } else { insertLogical( new Note( "ok" ) ); }
                    try { drools.insert( new Note( "x" ) ); } catch ( RuntimeException e ) { throw e; }
                end
                """));
        assertTrue(v.valid(), v.problems().toString());
        assertNotNull(v.compiled());
    }

    @Test
    void shouldKeepValidationConsistent() {
        assertThrows(IllegalArgumentException.class, () -> new Validation(true, List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new Validation(false, List.of(), null));
        assertThrows(IllegalArgumentException.class,
                () -> new Validation(true, List.of(new ValidationProblem("COMPILE", "f", 1, 1, "m")), null));
    }
}
