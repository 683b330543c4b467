package cn.ruralcredit.loanfactory.rules.guard;

import cn.ruralcredit.loanfactory.rules.compile.RuleCompilationException;
import cn.ruralcredit.loanfactory.rules.compile.RuleCompiler;
import cn.ruralcredit.loanfactory.rules.compile.RuleRefusedException;
import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.guard.GuardViolation.Construct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacks of issue 9, by kind, each refused at validation with the rule, file and line: the
 * guard checks the parsed DRL and the compiled bytecode, so no text trick changes what it sees.
 */
class RuleGuardTest {
    private static final String FILE = "ATTACK/rules.drl";
    private static final String HEADER = """
            package cn.ruralcredit.loanfactory.rules.attack;
            import cn.ruralcredit.loanfactory.rules.model.*;
            import java.math.BigDecimal;
            import java.math.RoundingMode;
            import java.util.List;
            """;
    private final RuleCompiler compiler = new RuleCompiler();

    /** The violations of a one-file rule set: the header, then {@code body} from line 6. */
    private List<GuardViolation> refused(String body) {
        RuleRefusedException e = assertThrows(RuleRefusedException.class,
                () -> compiler.compile(new RuleSetSource(Map.of(FILE, HEADER + body))));
        assertTrue(!e.violations().isEmpty());
        return e.violations();
    }

    private static String rule(String name, String when, String then) {
        return "rule \"" + name + "\"\n    ruleflow-group \"scoring\"\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    private static void assertRefused(List<GuardViolation> found, Construct construct, String rule, int line, String mentions) {
        assertTrue(found.stream().anyMatch(v -> v.construct() == construct && v.rule().equals(rule) && v.file().equals(FILE)
                        && v.line() == line && v.message().contains(mentions)),
                "expected " + construct + " of \"" + rule + "\" at line " + line + " mentioning " + mentions + " in " + found);
    }

    // --- kind 1: text and compiler disagree -------------------------------------------------------

    @Test
    void shouldRefuseTheMvelDialectWhateverItsCommentsHide() {
        List<GuardViolation> found = refused("""
                rule "mvel comment trick"
                    dialect "mvel"
                    ruleflow-group "scoring"
                when
                    Applicant()
                then
                    /*/ java.lang.Runtime.getRuntime().exec("id"); /**/
                end
                """);
        assertRefused(found, Construct.DIALECT, "mvel comment trick", 7, "mvel");
    }

    @Test
    void shouldRefuseAPackageWideMvelDialect() {
        List<GuardViolation> found = refused("dialect \"mvel\"\n" + rule("package dialect", "Applicant()", "insert( new Decline(\"X\", \"x\") );"));
        assertTrue(found.stream().anyMatch(v -> v.construct() == Construct.DIALECT), found.toString());
    }

    @Test
    void shouldRefuseASalienceExpressionWithTheCommentTrick() {
        List<GuardViolation> found = refused("""
                rule "salience trick"
                    salience ( /*/ java.lang.Runtime.getRuntime().exec("id") /**/ 10 )
                    ruleflow-group "scoring"
                when
                    Applicant()
                then
                end
                """);
        assertRefused(found, Construct.ATTRIBUTE, "salience trick", 7, "literal integer");
    }

    @Test
    void shouldRefuseAnEnabledExpression() {
        List<GuardViolation> found = refused("""
                rule "enabled trick"
                    enabled ( /*/ java.lang.System.getenv("HOME") != null /**/ true )
                    ruleflow-group "scoring"
                when
                    Applicant()
                then
                end
                """);
        assertRefused(found, Construct.ATTRIBUTE, "enabled trick", 7, "enabled");
    }

    @Test
    void shouldSeeThroughAUnicodeEscapeInAJavaConsequence() {
        // Java reads \\u0052 as R before it compiles: the bytecode calls Runtime, whatever the text shows
        List<GuardViolation> found = refused(rule("unicode escape", "Applicant()",
                "java.lang.\\u0052untime.getRuntime().exec( \"id\" );"));
        assertRefused(found, Construct.REFERENCE, "unicode escape", 11, "java.lang.Runtime.getRuntime()");
    }

    @Test
    void shouldRefuseTimersAndDateAttributes() {
        List<GuardViolation> found = refused("""
                rule "timer"
                    timer ( int: 1s 1s )
                when
                    Applicant()
                then
                end
                rule "effective"
                    date-effective "01-Jan-2020"
                when
                    Applicant()
                then
                end
                """);
        assertRefused(found, Construct.ATTRIBUTE, "timer", 7, "timer");
        assertRefused(found, Construct.ATTRIBUTE, "effective", 13, "clock");
    }

    // --- kind 2: allowed types that reach forbidden things ------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "clock through a chronology|java.time.chrono.IsoChronology.INSTANCE.dateNow();|IsoChronology",
            "clock through LocalDate|java.time.LocalDate d = java.time.LocalDate.now();|java.time.LocalDate.now()",
            "clock through System|long t = System.currentTimeMillis();|currentTimeMillis",
            "static method through an instance|java.util.Locale l = java.util.Locale.ENGLISH; l.setDefault( java.util.Locale.CHINA );|java.util.Locale.setDefault",
            "randomness|double r = Math.random();|java.lang.Math.random()",
            "the engine's match|Object m = drools.getMatch();|getMatch",
            "an entry point|Object ep = drools.getEntryPoint( \"DEFAULT\" );|getEntryPoint",
            "the kie runtime|Object rt = kcontext.getKieRuntime();|getKieRuntime",
            "reflection|Object c = \"x\".getClass();|getClass",
            "environment|String home = System.getenv( \"HOME\" );|getenv",
            "a thread|new Thread().start();|java.lang.Thread",
            "a file|java.nio.file.Files.readString( java.nio.file.Path.of( \"/etc/passwd\" ) );|java.nio.file"
    })
    void shouldRefuseWhatAllowedLookingCodeReaches(String name, String consequence, String mentions) {
        List<GuardViolation> found = refused(rule(name, "Applicant()", consequence));
        assertRefused(found, Construct.REFERENCE, name, 11, mentions);
    }

    @Test
    void shouldRefuseForbiddenCallsInConditionsToo() {
        List<GuardViolation> found = refused(rule("clock in a condition",
                "Applicant( java.time.LocalDate.now().getYear() > 2000 )", ""));
        assertRefused(found, Construct.REFERENCE, "clock in a condition", 9, "java.time.LocalDate.now()");
        found = refused(rule("random in eval", "eval( Math.random() > 0.5 )", ""));
        assertRefused(found, Construct.REFERENCE, "random in eval", 9, "java.lang.Math.random()");
    }

    @Test
    void shouldRefuseAnAccumulateFunctionThatIsNotBuiltIn() {
        List<GuardViolation> found = refused("import accumulate java.lang.Thread evil;\n"
                + rule("custom accumulate", "accumulate( ScorePart( $p : points ); $x : evil( $p ) )", ""));
        assertRefused(found, Construct.IMPORT, "", 6, "import accumulate java.lang.Thread");
    }

    // --- kind 3: unbounded work in one consequence or condition -------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nCopies|List l = java.util.Collections.nCopies( 1000000000, \"x\" );|REFERENCE|nCopies|11",
            "repeat|String s = \"x\".repeat( 1000000000 );|REFERENCE|repeat|11",
            "format width|String s = String.format( \"%1000000000d\", 1 );|REFERENCE|format|11",
            "regex|boolean b = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaa!\".matches( \"(a+)+b\" );|REFERENCE|matches|11",
            "computed exponent|int n = 1000000; BigDecimal x = BigDecimal.TEN.pow( n );|LITERAL|pow|11",
            "huge literal exponent|BigDecimal x = BigDecimal.TEN.pow( 999999 );|LITERAL|pow|11",
            "computed scale|int n = 1000000000; BigDecimal x = BigDecimal.ONE.setScale( n, RoundingMode.HALF_UP );|LITERAL|setScale|11",
            "exponent literal|BigDecimal x = new BigDecimal( \"1E999999999\" );|LITERAL|BigDecimal|11",
            "computed decimal text|String t = \"1E\" + 999999999; BigDecimal x = new BigDecimal( t );|LITERAL|BigDecimal|11",
            "while loop|int i = 0; while ( i >= 0 ) { i = i + 1; }|LOOP|loops|6",
            "for loop|for ( int i = 0; i < 10; i++ ) { insert( new ScorePart( \"x\", i ) ); }|LOOP|loops|6",
            "computed array|int n = 1000000000; int[] a = new int[ n ];|ARRAY_SIZE|array|6",
            "capacity constructor|java.util.ArrayList l = new java.util.ArrayList( 2000000000 );|REFERENCE|ArrayList constructor(int)|11",
            "a lock|synchronized ( \"x\" ) { insert( new ScorePart( \"x\", 1 ) ); }|JVM|synchronized|11",
            "forEach|List.of( 1, 2 ).forEach( x -> insert( new ScorePart( \"x\", 1 ) ) );|REFERENCE|forEach|11",
            "streams|long c = List.of( 1, 2 ).stream().count();|REFERENCE|stream|11"
    })
    void shouldRefuseUnboundedWork(String name, String consequence, Construct construct, String mentions, int line) {
        // a loop or an array is reported at the rule's line; a call at the line that names it
        List<GuardViolation> found = refused(rule(name, "Applicant()", consequence));
        assertRefused(found, construct, name, line, mentions);
    }

    @Test
    void shouldRefuseRecursiveFunctions() {
        List<GuardViolation> found = refused("""
                function int down( int n ) { return down( n + 1 ); }
                function int ping( int n ) { return pong( n ); }
                function int pong( int n ) { return ping( n ); }
                """ + rule("calls them", "Applicant()", "int x = down( 1 ) + ping( 1 );"));
        assertTrue(found.stream().anyMatch(v -> v.construct() == Construct.RECURSION && v.rule().equals("down") && v.line() == 6),
                found.toString());
        assertTrue(found.stream().anyMatch(v -> v.construct() == Construct.RECURSION
                && Set.of("ping", "pong").contains(v.rule())), found.toString());
    }

    @Test
    void shouldRefuseQueriesRecursiveOrNot() {
        List<GuardViolation> found = refused("""
                query deep( int n )
                    deep( n + 1; )
                end
                """ + rule("uses it", "deep( 1; )", ""));
        assertRefused(found, Construct.QUERY, "deep", 6, "query");
    }

    @Test
    void shouldCheckInheritedMethodsAgainstTheAllowlist() {
        // a declared type inherits forEach from ArrayList and printStackTrace from RuntimeException
        List<GuardViolation> found = refused("""
                import java.util.ArrayList;
                declare Bag extends ArrayList
                    label : String
                end
                declare Boom extends RuntimeException
                    code : String
                end
                """ + rule("inherits", "Applicant()",
                "new Bag().forEach( x -> insert( new ScorePart( \"x\", 1 ) ) ); new Boom().printStackTrace();"));
        // refused before compiling: a supertype the rule set did not declare is initialised by the compiler; were
        // one let through, the bytecode check would still check its inherited members as the supertype's
        assertRefused(found, Construct.DECLARATION, "Bag", 7, "extends ArrayList");
        assertRefused(found, Construct.DECLARATION, "Boom", 10, "extends RuntimeException");
    }

    @Test
    void shouldRefuseAPackageOfTheEngineItself() {
        RuleRefusedException e = assertThrows(RuleRefusedException.class, () -> compiler.compile(new RuleSetSource(Map.of(FILE,
                HEADER.replace("rules.attack", "rules.engine") + rule("in the engine", "Applicant()", "")))));
        assertEquals(Set.of(Construct.PACKAGE), e.violations().stream().map(GuardViolation::construct).collect(Collectors.toSet()));
    }

    @Test
    void shouldRefuseFilesThatAreNotDrl() {
        RuleRefusedException e = assertThrows(RuleRefusedException.class, () -> compiler.compile(new RuleSetSource(Map.of(
                "META-INF/kmodule.xml", "<kmodule/>", FILE, HEADER + rule("fine", "Applicant()", "")))));
        assertEquals(List.of(Construct.FILE_NAME), e.violations().stream().map(GuardViolation::construct).toList());
    }

    // --- found by the red-team pass: code that ran while compiling, state, lambdas, randomness, Errors --

    @Test
    void shouldRefuseRuleAnnotationsWhoseValuesTheCompilerEvaluates() throws Exception {
        java.nio.file.Path marker = java.nio.file.Files.createTempFile("guard", ".marker");
        java.nio.file.Files.delete(marker);
        List<GuardViolation> found = refused("""
                rule "annotated"
                    @Note( Runtime.getRuntime().exec( new String[] { "touch", "%s" } ).waitFor() + Integer.parseInt( "boom" ) )
                    ruleflow-group "scoring"
                when
                then
                end
                """.formatted(marker));
        assertRefused(found, Construct.ANNOTATION, "annotated", 6, "@Note");
        assertTrue(!java.nio.file.Files.exists(marker), "the annotation's value ran while compiling");
    }

    @Test
    void shouldRefuseAnnotationsOnDeclaredTypesFieldsAndPatterns() {
        List<GuardViolation> found = refused("""
                declare Note
                    @author( x )
                    text : String @key
                end
                """ + rule("watched", "Applicant() @watch( !* )", ""));
        assertTrue(found.stream().filter(v -> v.construct() == Construct.ANNOTATION).count() >= 3, found.toString());
    }

    @Test
    void shouldRefuseDeclaredEnumsWhichTheCompilerInitialises() throws Exception {
        java.nio.file.Path marker = java.nio.file.Files.createTempFile("guard", ".marker");
        java.nio.file.Files.delete(marker);
        List<GuardViolation> found = refused("""
                declare enum Evil
                    A( String.valueOf( org.mvel2.MVEL.eval( "Runtime.getRuntime().exec( new String[] { 'touch', '%s' } ).waitFor()" ) ) );
                    v : String
                end
                declare enum Memory
                    M( new java.util.ArrayList() );
                    seen : java.util.List
                end
                """.formatted(marker));
        assertRefused(found, Construct.DECLARATION, "Evil", 6, "declare enum Evil");
        assertRefused(found, Construct.DECLARATION, "Memory", 10, "declare enum Memory");
        assertTrue(!java.nio.file.Files.exists(marker), "the enum's constant ran while compiling");
    }

    @Test
    void shouldLetADeclaredTypeExtendOnlyAnotherDeclaredType() {
        List<GuardViolation> found = refused("""
                declare Base
                    code : String
                end
                declare Child extends Base
                    more : String
                end
                declare Outside extends java.util.Date
                    more : String
                end
                """);
        assertEquals(List.of("Outside"), found.stream().map(GuardViolation::rule).toList(), found.toString());
        assertRefused(found, Construct.DECLARATION, "Outside", 12, "extends java.util.Date");
    }

    @Test
    void shouldRefuseALambdaThatCouldCallItself() {
        List<GuardViolation> found = refused(rule("self-applied comparable", "Applicant()", """
                Comparable l = o -> { Comparable self = (Comparable) o; self.compareTo( self ); return 0; };
                    l.compareTo( l );"""));
        assertRefused(found, Construct.RECURSION, "self-applied comparable", 11, "java.lang.Comparable");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "identity hash|int h = new Object().hashCode();|Object",
            "enum identity hash|int h = RoundingMode.UP.hashCode();|hashCode",
            "fact identity hash|int h = new ScorePart( \"x\", 1 ).hashCode();|hashCode",
            "set order into a list|String first = (String) List.copyOf( java.util.Set.of( \"a\", \"b\" ) ).get( 0 );|copyOf",
            "catch an Error|try { insert( new ScorePart( \"x\", 1 ) ); } catch ( Throwable t ) { }|Throwable",
            "catch a stack overflow|try { insert( new ScorePart( \"x\", 1 ) ); } catch ( StackOverflowError e ) { }|StackOverflowError"
    })
    void shouldRefuseRandomnessAndSwallowedErrors(String name, String consequence, String mentions) {
        List<GuardViolation> found = refused(rule(name, "Applicant()", consequence));
        assertRefused(found, Construct.REFERENCE, name, 11, mentions);
    }

    // --- what the guard lets through -----------------------------------------------------------------

    @Test
    void shouldAcceptWhatRulesNeed() {
        assertNotNull(compiler.compile(new RuleSetSource(Map.of(FILE, HEADER + """
                import java.time.LocalDate;
                import java.time.temporal.ChronoUnit;
                declare Note
                    text : String
                    amount : BigDecimal
                end
                function BigDecimal half( BigDecimal x ) { return x.divide( new BigDecimal( "2" ), 2, RoundingMode.HALF_UP ); }
                function BigDecimal quarter( BigDecimal x ) { return half( half( x ) ); }
                rule "fine"
                    ruleflow-group "scoring"
                    salience -5
                    no-loop true
                when
                    $a : Applicant( $n : netIncome, netIncome > 0 )
                    $e : Evaluation()
                    $note : Note( text == "a" ) from List.of( new Note( "a", BigDecimal.ONE ) )
                    exists( ScorePart() )
                    accumulate( ScorePart( $p : points ); $sum : sum( $p ), $max : max( $p ), $count : count( $p ) )
                then
                    BigDecimal y = quarter( $n ).setScale( 2, RoundingMode.HALF_UP ).multiply( Amounts.of( "1.5" ) ).min( $n );
                    long days = ChronoUnit.DAYS.between( $e.getBirthDate(), $e.getAsOfDate().plusMonths( 3 ) );
                    String label = "days " + days + " for " + drools.getRule().getName();
                    if ( days > 3 && label.startsWith( "days" ) ) { insertLogical( new Note( label, y ) ); } else { insert( new ScorePart( "x", Math.max( 1, 2 ) ) ); }
                    modify( $note ) { setAmount( y ) }
                    delete( $note );
                end
                """))));
    }

    @Test
    void shouldNotMistakeACompileErrorForARefusal() {
        assertThrows(RuleCompilationException.class, () -> compiler.compile(new RuleSetSource(Map.of(FILE,
                HEADER + rule("typo", "Applicant( annualIncomme > 0 )", "")))));
    }
}
