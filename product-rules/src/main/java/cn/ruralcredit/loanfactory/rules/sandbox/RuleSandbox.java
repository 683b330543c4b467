package cn.ruralcredit.loanfactory.rules.sandbox;

import cn.ruralcredit.loanfactory.rules.engine.RuleSetSource;
import cn.ruralcredit.loanfactory.rules.sandbox.DrlLexer.Kind;
import cn.ruralcredit.loanfactory.rules.sandbox.DrlLexer.Token;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The static guard on rule sets edited at run time. Java 17 has no SecurityManager, so what a rule
 * set may reach is decided here, on the DRL text, before it is compiled: a rule set may only use
 * the fact model ({@value #FACT_MODEL_PACKAGE}), {@code java.math}, {@code java.time} and the
 * {@code java.util} collection types. Everything the check refuses is reported with its file,
 * line and column; an empty list means the rule set may be compiled.
 *
 * <p>The text is read by a small tokenizer ({@link DrlLexer}) that skips comments and string
 * literals, so a rule named "System check" or a comment mentioning Runtime is not refused, while
 * positions stay exact. The checks are deliberately conservative: where the tokenizer or the
 * checks cannot be sure how the compiler will read something, they refuse it.
 *
 * <h2>What is refused, by {@link SandboxViolation#construct()} code</h2>
 * <dl>
 * <dt>{@code FILE_NAME}</dt><dd>a file that is not a plain relative path ending in {@code .drl}
 *   (decision tables, DSL, guided rules, processes, {@code kmodule.xml} or Java would be compiled
 *   into code this check never sees). Reported at line 0, column 0: it is about the file, not a token.</dd>
 * <dt>{@code PACKAGE}</dt><dd>a DRL package outside {@code cn.ruralcredit.loanfactory.rules.*}, or one of
 *   the code packages of product-rules ({@link #CODE_PACKAGES}): names in a rule's own package
 *   resolve without an import, so a rule set in {@code org.kie.api} could name {@code KieServices}.</dd>
 * <dt>{@code IMPORT}</dt><dd>an {@code import}, {@code import static}, {@code import function} or
 *   {@code import accumulate} of anything but the fact model, {@code java.math}, {@code java.time}
 *   (and its sub-packages) and the java.util collection types {@link #JAVA_UTIL_COLLECTIONS}, each by
 *   name: {@code java.util.*} is refused because it also brings in Scanner, Timer and ServiceLoader.</dd>
 * <dt>{@code GLOBAL}</dt><dd>a {@code global} whose type (or a type argument) is not one of those types.</dd>
 * <dt>{@code QUALIFIED_NAME}</dt><dd>a fully qualified name in code ({@code java.lang.System},
 *   {@code java.io.File}, {@code org.kie...}) outside those packages.</dd>
 * <dt>{@code SYSTEM}, {@code RUNTIME}, {@code PROCESS}, {@code THREAD}, {@code REFLECTION},
 *   {@code CLASS_LOADING}, {@code FILE_IO}, {@code NETWORK}, {@code JNDI}, {@code SCRIPTING}</dt>
 *   <dd>a name that reaches them, anywhere in the text outside comments and strings (conditions,
 *   consequences, functions, declarations): see {@link #refusedNames()} for the full list.</dd>
 * <dt>{@code KIE_RUNTIME}</dt><dd>reaching the engine from rule code: {@code kcontext}, {@code drools}
 *   other than {@code drools.getRule()}, {@code drools.getMatch()}, {@code drools.insert/insertLogical/
 *   update/delete/retract}, and names such as {@code getKieRuntime} or {@code getWorkingMemory}.
 *   {@code insert}, {@code insertLogical}, {@code modify}, {@code update}, {@code delete} and
 *   {@code retract} are legitimate. Names starting {@code Rule_} (the engine's generated rule classes,
 *   whose consequence methods could be called from a function) are refused too.</dd>
 * <dt>{@code LOOP}</dt><dd>{@code for}, {@code while}, {@code do} (but not the DRL named consequence
 *   {@code do[name]}), and MVEL's {@code foreach} and {@code until}. A consequence or function that loops
 *   forever cannot be stopped by halting the session; rule sets iterate through patterns
 *   ({@code from}, {@code accumulate}, {@code collect}), which the engine's firing and time caps bound.</dd>
 * <dt>{@code RECURSION}</dt><dd>a DRL function that calls itself, directly or through other functions
 *   (also as {@code Name.name(...)}, through the class the engine generates for it), for the same
 *   reason as loops.</dd>
 * <dt>{@code LAMBDA}</dt><dd>{@code ->} and {@code ::}: with forEach, streams or removeIf they iterate
 *   inside one consequence.</dd>
 * <dt>{@code LOCAL_DECLARATION}</dt><dd>a class, interface, enum or record declared in rule code, an
 *   anonymous class, or a method: their code could loop or recurse out of this check's sight.
 *   Methods matter because the compiler pastes a consequence or condition into a generated method, so
 *   <code>&#125; static int f() &#123; return f(); &#125; static void g() &#123;</code> in a consequence
 *   compiles into new methods. DRL {@code function}s, {@code declare} and {@code declare enum} fact types are fine.</dd>
 * <dt>{@code CLOCK}</dt><dd>reading the wall clock: {@code now(…)} calls, {@code Clock},
 * {@code InstantSource}, {@code currentTimeMillis}, {@code nanoTime}, and the {@code date-effective} /
 * {@code date-expires} rule attributes. Rules take the evaluation date from the {@code asOfDate} fact.</dd>
 * <dt>{@code TIMER}</dt><dd>{@code timer}, {@code duration} and {@code calendars} rule attributes, which
 *   schedule firings on the engine's timer thread.</dd>
 * <dt>{@code UNICODE_ESCAPE}, {@code HIDDEN_CHARACTER}, {@code SYNTAX}</dt><dd>text that could read
 *   differently to the compiler than to this check: {@code \}u escapes anywhere, invisible and control
 *   characters, string literals not closed on their line, unclosed block comments, text blocks and
 *   {@code #}.</dd>
 * </dl>
 * {@code eval(...)} in conditions is allowed (it is ordinary Drools) and goes through the same name checks.
 *
 * <p>What this check does not do: it cannot bound the cost of a single call that is allowed, such as
 * {@code BigDecimal.pow} with a huge exponent or a pattern over a huge collection. The engine's caps
 * are checked between firings, so such a call runs to its end before the decision fails closed.
 */
public final class RuleSandbox {
    public static final String FACT_MODEL_PACKAGE = "cn.ruralcredit.loanfactory.rules.model";
    static final String RULES_PACKAGE = "cn.ruralcredit.loanfactory.rules";

    /** The packages of product-rules' own code: rule sets may not live in them. */
    public static final Set<String> CODE_PACKAGES = Set.of(
            "engine", "market", "model", "request", "sandbox", "scenario", "seed");

    /** The java.util types a rule set may import or name (Map.Entry through Map). */
    public static final Set<String> JAVA_UTIL_COLLECTIONS = Set.of(
            "List", "ArrayList", "LinkedList", "Map", "HashMap", "LinkedHashMap", "TreeMap",
            "Set", "HashSet", "LinkedHashSet", "TreeSet", "Collection", "Collections", "Arrays",
            "Optional", "Objects", "Comparator", "Deque", "ArrayDeque", "Iterator", "SortedMap",
            "SortedSet", "NavigableMap", "NavigableSet", "Queue", "PriorityQueue", "EnumMap", "EnumSet");

    /** The members of {@code drools} a consequence may use. */
    static final Set<String> DROOLS_MEMBERS = Set.of(
            "getRule", "getMatch", "insert", "insertLogical", "update", "delete", "retract");

    /** Names followed by <code>(...) &#123;</code> that open a statement block, not a method. */
    private static final Set<String> BLOCK_KEYWORDS = Set.of(
            "if", "switch", "catch", "try", "synchronized", "while", "for", "foreach", "until", "modify", "with");

    /** Top-level package names that mark a dotted name as qualified even without a capitalised segment. */
    private static final Set<String> QUALIFIED_ROOTS = Set.of("java", "javax", "jakarta", "jdk", "sun", "com", "org");

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*\\.drl");

    private static final Map<String, String> REFUSED_NAMES = new LinkedHashMap<>();
    private static final Map<String, String> REASONS = new HashMap<>();

    private static final String ALLOWED = "A rule set may use only the fact model (" + FACT_MODEL_PACKAGE
            + "), java.math, java.time and the java.util collection types.";
    private static final String PATTERNS = "Iterate with patterns (from, accumulate, collect) instead: the"
            + " engine's firing and time caps bound those, but halting the session cannot stop code that runs"
            + " on inside one consequence or function.";

    static {
        refuse("SYSTEM", "it reaches the JVM's system state (exit, environment variables, system properties,"
                        + " standard streams).",
                "System", "SecurityManager", "getenv", "getInteger", "getLong", "getBoolean");
        refuse("RUNTIME", "it reaches the JVM runtime (exit, halt, exec, shutdown hooks).",
                "Runtime", "getRuntime");
        refuse("PROCESS", "it starts or controls operating-system processes.",
                "ProcessBuilder", "Process", "ProcessHandle");
        refuse("THREAD", "it starts, blocks or coordinates threads; a decision runs on its caller's thread and"
                        + " must neither wait nor hand work elsewhere.",
                "Thread", "ThreadGroup", "ThreadLocal", "InheritableThreadLocal", "ThreadFactory",
                "Executor", "Executors", "ExecutorService", "ScheduledExecutorService", "ThreadPoolExecutor",
                "ScheduledThreadPoolExecutor", "CompletableFuture", "FutureTask", "ForkJoinPool", "ForkJoinTask",
                "Timer", "TimerTask", "TimeUnit", "LockSupport", "synchronized", "wait", "notify", "notifyAll",
                "sleep", "parallel", "parallelStream", "startVirtualThread", "ofVirtual", "ofPlatform");
        refuse("REFLECTION", "reflection reaches members that the other checks cannot see.",
                "Method", "Field", "Constructor", "AccessibleObject", "Proxy", "InvocationHandler", "Unsafe",
                "MethodHandles", "MethodHandle", "MethodType", "VarHandle", "LambdaMetafactory", "StackWalker",
                "Module", "ModuleLayer", "Package", "ClassValue",
                "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields",
                "getDeclaredField", "getDeclaredFields", "getConstructor", "getConstructors",
                "getDeclaredConstructor", "getDeclaredConstructors", "getRecordComponents", "getEnclosingMethod",
                "getEnclosingClass", "getSuperclass", "getInterfaces", "getModule", "getPackage",
                "declaredMethods", "declaredFields", "declaredConstructors",
                "setAccessible", "trySetAccessible", "invoke", "invokeExact", "invokeWithArguments", "newInstance");
        refuse("CLASS_LOADING", "it reaches Class objects or class loaders, from which any class can be reached.",
                "Class", "getClass", "getDeclaringClass", "declaringClass", "forName", "ClassLoader",
                "URLClassLoader", "SecureClassLoader", "ServiceLoader", "getClassLoader", "classLoader",
                "getContextClassLoader", "contextClassLoader", "setContextClassLoader", "getSystemClassLoader",
                "systemClassLoader", "getPlatformClassLoader", "loadClass", "defineClass", "defineHiddenClass",
                "findClass", "loadLibrary", "getResource", "getResources", "getResourceAsStream",
                "getProtectionDomain", "protectionDomain");
        refuse("FILE_IO", "it reads or writes files, I/O streams or serialised objects.",
                "File", "Files", "Path", "Paths", "FileSystem", "FileSystems", "FileInputStream",
                "FileOutputStream", "RandomAccessFile", "FileReader", "FileWriter", "FileChannel",
                "FileDescriptor", "PrintWriter", "PrintStream", "Scanner", "Console", "ObjectInputStream",
                "ObjectOutputStream", "XMLDecoder", "XMLEncoder");
        refuse("NETWORK", "it opens network connections.",
                "Socket", "ServerSocket", "DatagramSocket", "MulticastSocket", "SocketChannel",
                "ServerSocketChannel", "DatagramChannel", "AsynchronousSocketChannel",
                "AsynchronousServerSocketChannel", "URL", "URI", "URLConnection", "HttpURLConnection",
                "HttpsURLConnection", "HttpClient", "HttpRequest", "InetAddress", "InetSocketAddress",
                "openConnection", "openStream");
        refuse("JNDI", "it looks names up through JNDI, a known path to loading remote code.",
                "InitialContext", "InitialDirContext", "InitialLdapContext", "Context", "DirContext",
                "LdapContext", "NamingManager", "lookup");
        refuse("SCRIPTING", "it compiles or runs code from text, which this check cannot see.",
                "ScriptEngineManager", "ScriptEngine", "ScriptContext", "JavaCompiler", "ToolProvider", "MVEL");
        refuse("KIE_RUNTIME", "it reaches the rule engine itself. A consequence may use insert, insertLogical,"
                        + " modify, update, delete and retract, drools.getRule() and drools.getMatch().",
                "kcontext", "getKieRuntime", "kieRuntime", "getWorkingMemory", "workingMemory",
                "getKnowledgeRuntime", "knowledgeRuntime", "getKieBase", "kieBase", "getKnowledgeBase",
                "knowledgeBase", "getEntryPoint", "getEntryPoints", "getChannels", "halt", "KieServices",
                "KieSession", "KieContainer", "KieBase", "KieRuntime", "KnowledgeHelper", "RuleContext");
        refuse("LOOP", "a loop statement cannot be stopped by halting the session. " + PATTERNS,
                "for", "while", "foreach", "until");
        REASONS.put("LOCAL_DECLARATION", "declaring a class (local, anonymous, interface, enum or record) or a"
                + " method inside rule code is refused: its code could loop or recurse out of this check's sight."
                + " Put shared logic in a DRL function, and declare fact types with declare.");
        refuse("CLOCK", "rules never read the clock: the evaluation date is the asOfDate fact, so that a decision"
                        + " can be replayed with the same answer on any later day.",
                "Clock", "InstantSource", "currentTimeMillis", "nanoTime");
        REASONS.put("TIMER", "timer, duration and calendars schedule firings on the engine's timer thread; a"
                + " decision is evaluated once, at once.");
        REASONS.put("LAMBDA", "with forEach, streams or removeIf a lambda or method reference iterates inside one"
                + " consequence. " + PATTERNS);
    }

    private static void refuse(String construct, String reason, String... names) {
        REASONS.put(construct, reason);
        for (String name : names) {
            if (REFUSED_NAMES.put(name, construct) != null) throw new IllegalStateException("listed twice: " + name);
        }
    }

    /** Every name refused wherever it appears in code, with its construct code. */
    public static Map<String, String> refusedNames() {
        return Map.copyOf(REFUSED_NAMES);
    }

    /** Checks every file of a rule set; the violations are in file, line and column order. */
    public List<SandboxViolation> check(RuleSetSource source) {
        List<SandboxViolation> violations = new ArrayList<>();
        List<FunctionBody> functions = new ArrayList<>();
        for (Map.Entry<String, String> file : source.files().entrySet()) {
            String name = file.getKey();
            if (!FILE_NAME.matcher(name).matches()) {
                violations.add(new SandboxViolation(name, 0, 0, "FILE_NAME", "the file `" + name + "` is refused:"
                        + " a rule set is made of DRL files only, named as a relative path of letters, digits,"
                        + " '_' and '-' ending in .drl (e.g. FUNONG/grading.drl). Other resources (decision"
                        + " tables, DSL, guided rules, processes, kmodule.xml, Java) are compiled into code this"
                        + " check cannot see."));
                continue;
            }
            DrlLexer.Lexed lexed = DrlLexer.lex(file.getValue());
            lexed.issues().forEach(i -> violations.add(new SandboxViolation(name, i.line(), i.column(),
                    i.construct(), i.message())));
            FileCheck check = new FileCheck(name, lexed.tokens(), violations);
            check.run();
            functions.addAll(check.functions());
        }
        checkRecursion(functions, violations);
        violations.sort(Comparator.comparing(SandboxViolation::file)
                .thenComparingInt(SandboxViolation::line)
                .thenComparingInt(SandboxViolation::column)
                .thenComparing(SandboxViolation::construct));
        return List.copyOf(violations);
    }

    // --- allowed types ---

    private static boolean startsUpper(String s) {
        return !s.isEmpty() && Character.isUpperCase(s.codePointAt(0));
    }

    private static boolean startsLower(String s) {
        return !s.isEmpty() && Character.isLowerCase(s.codePointAt(0));
    }

    /** A type, or a member of a type, named in full: {@code java.util.Map.Entry}, {@code java.math.BigDecimal.ZERO}. */
    static boolean allowedType(List<String> segments) {
        if (String.join(".", segments).startsWith(FACT_MODEL_PACKAGE + ".")) return true;
        if (segments.size() < 3 || !segments.get(0).equals("java")) return false;
        return switch (segments.get(1)) {
            case "math" -> true;
            case "time" -> segments.stream().skip(2).anyMatch(RuleSandbox::startsUpper);
            case "util" -> JAVA_UTIL_COLLECTIONS.contains(segments.get(2));
            default -> false;
        };
    }

    /** A package whose every class is allowed: the fact model, java.math, java.time and its sub-packages. */
    static boolean allowedPackage(List<String> segments) {
        String name = String.join(".", segments);
        if (name.equals(FACT_MODEL_PACKAGE) || name.equals("java.math")) return true;
        return segments.size() >= 2 && segments.get(0).equals("java") && segments.get(1).equals("time")
                && segments.stream().allMatch(RuleSandbox::startsLower);
    }

    private static String allowedImports() {
        return "A rule set may import only the fact model (" + FACT_MODEL_PACKAGE + ".* or its classes),"
                + " java.math, java.time and its sub-packages, and these java.util collection types, each by name: "
                + String.join(", ", new TreeSet<>(JAVA_UTIL_COLLECTIONS)) + " (and Map.Entry).";
    }

    // --- one file ---

    private record QName(int first, int next, List<String> segments, boolean wildcard) {
        String dotted() {
            return String.join(".", segments) + (wildcard ? ".*" : "");
        }
    }

    record FunctionBody(String file, String name, List<Token> tokens, int bodyStart, int bodyEnd) {
    }

    private static final class FileCheck {
        private final String file;
        private final List<Token> t;
        private final boolean[] done;
        private final List<SandboxViolation> violations;
        private final Map<String, List<String>> explicitImports = new HashMap<>();
        private final List<List<String>> wildcardImports = new ArrayList<>();
        private final Set<Integer> functionHeaders = new HashSet<>();
        private final List<FunctionBody> functions;

        FileCheck(String file, List<Token> tokens, List<SandboxViolation> violations) {
            this.file = file;
            this.t = tokens;
            this.done = new boolean[tokens.size()];
            this.violations = violations;
            this.functions = findFunctions();
        }

        private Token tok(int i) {
            return i >= 0 && i < t.size() ? t.get(i) : null;
        }

        private boolean punct(int i, char c) {
            Token k = tok(i);
            return k != null && k.isPunct(c);
        }

        private boolean ident(int i) {
            Token k = tok(i);
            return k != null && k.isIdent();
        }

        private boolean ident(int i, String text) {
            return ident(i) && t.get(i).is(text);
        }

        private boolean kind(int i, Kind kind) {
            Token k = tok(i);
            return k != null && k.kind() == kind;
        }

        private void report(int i, String construct, String message) {
            Token k = t.get(i);
            violations.add(new SandboxViolation(file, k.line(), k.column(), construct, message));
        }

        private void mark(int from, int to) {
            for (int i = from; i < to; i++) done[i] = true;
        }

        private QName qname(int i) {
            if (!ident(i)) return null;
            List<String> segments = new ArrayList<>();
            segments.add(t.get(i).text());
            int j = i + 1;
            boolean wildcard = false;
            while (punct(j, '.')) {
                if (ident(j + 1)) {
                    segments.add(t.get(j + 1).text());
                    j += 2;
                } else if (punct(j + 1, '*')) {
                    wildcard = true;
                    j += 2;
                    break;
                } else {
                    break;
                }
            }
            return new QName(i, j, List.copyOf(segments), wildcard);
        }

        private int matching(int open, char o, char c) {
            int depth = 0;
            for (int k = open; k < t.size(); k++) {
                if (punct(k, o)) depth++;
                else if (punct(k, c) && --depth == 0) return k;
            }
            return -1;
        }

        void run() {
            collectImports();
            for (int i = 0; i < t.size(); i++) {
                if (done[i]) continue;
                Token k = t.get(i);
                if (k.isIdent()) {
                    boolean member = punct(i - 1, '.');
                    if (!member && k.is("package")) {
                        checkPackage(i);
                    } else if (!member && k.is("import")) {
                        checkImport(i);
                    } else if (!member && k.is("global") && ident(i + 1)) {
                        checkGlobal(i);
                    } else {
                        checkChain(i, member);
                    }
                } else if (k.kind() == Kind.PUNCT) {
                    checkLambda(i);
                    if (k.isPunct(')')) checkDeclarationAfter(i);
                }
            }
        }

        // package, import, global

        private void collectImports() {
            for (int i = 0; i < t.size(); i++) {
                if (!ident(i, "import") || punct(i - 1, '.')) continue;
                boolean modified = (ident(i + 1, "function") || ident(i + 1, "static") || ident(i + 1, "accumulate"))
                        && ident(i + 2);
                QName q = qname(i + 1);
                if (q == null || modified) continue; // import function/static/accumulate bring no types into scope
                if (q.wildcard()) wildcardImports.add(q.segments());
                else explicitImports.put(q.segments().get(q.segments().size() - 1), q.segments());
            }
        }

        private void checkPackage(int i) {
            done[i] = true;
            QName q = qname(i + 1);
            if (q == null) {
                report(i, "PACKAGE", "this package declaration cannot be read: write package "
                        + RULES_PACKAGE + ".<name>;");
                return;
            }
            mark(q.first(), q.next());
            List<String> s = q.segments();
            boolean ok = !q.wildcard() && s.size() >= 5 && String.join(".", s.subList(0, 4)).equals(RULES_PACKAGE)
                    && !CODE_PACKAGES.contains(s.get(4));
            if (!ok) {
                report(q.first(), "PACKAGE", "package `" + q.dotted() + "` is refused: a rule set's package must be "
                        + RULES_PACKAGE + ".<name> (e.g. " + RULES_PACKAGE + ".funong), other than the code packages "
                        + new TreeSet<>(CODE_PACKAGES) + ", because the classes of a rule's own package are in reach"
                        + " without an import.");
            }
        }

        private void checkImport(int i) {
            done[i] = true;
            int j = i + 1;
            String modifier = null;
            if ((ident(j, "function") || ident(j, "static") || ident(j, "accumulate")) && ident(j + 1)) {
                modifier = t.get(j).text();
                done[j] = true;
                j++;
            }
            QName q = qname(j);
            if (q == null) {
                report(i, "IMPORT", "this import cannot be read. " + allowedImports());
                return;
            }
            mark(q.first(), q.next());
            List<String> s = q.segments();
            boolean ok;
            if (modifier == null) {
                ok = q.wildcard() ? allowedPackage(s) || allowedType(s) : allowedType(s);
            } else if (modifier.equals("accumulate")) {
                ok = !q.wildcard() && allowedType(s);
            } else {
                List<String> owner = q.wildcard() ? s : s.subList(0, s.size() - 1);
                ok = !owner.isEmpty() && allowedType(owner);
            }
            if (ok) return;
            String what = (modifier == null ? "import" : "import " + modifier) + " of `" + q.dotted() + "` is refused";
            if (modifier == null && q.wildcard() && String.join(".", s).equals("java.util")) {
                report(q.first(), "IMPORT", what + ": java.util.* is too broad (it also brings in Scanner, Timer"
                        + " and ServiceLoader). " + allowedImports());
            } else {
                report(q.first(), "IMPORT", what + ". " + allowedImports());
            }
        }

        private void checkGlobal(int i) {
            done[i] = true;
            List<QName> types = new ArrayList<>();
            int next = globalType(i + 1, types);
            if (next < 0 || types.isEmpty()) {
                report(i, "GLOBAL", "this global cannot be read: write global <type> <name>;");
                return;
            }
            for (QName q : types) {
                if (!globalTypeAllowed(q.segments())) {
                    report(q.first(), "GLOBAL", "a global of type `" + q.dotted() + "` is refused: a global's type"
                            + " (and its type arguments) must be from the fact model, java.math, java.time or the"
                            + " java.util collection types, imported by name or written in full. " + ALLOWED);
                    return;
                }
            }
        }

        /** Reads a type (with type arguments and array brackets) from i; returns the index after it, or -1. */
        private int globalType(int i, List<QName> types) {
            QName q = qname(i);
            if (q == null || q.wildcard()) return -1;
            mark(q.first(), q.next());
            types.add(q);
            int j = q.next();
            if (punct(j, '<')) {
                int close = matching(j, '<', '>');
                if (close < 0) return -1;
                for (int k = j + 1; k < close; k++) {
                    done[k] = true;
                    if (ident(k) && !punct(k - 1, '.') && !ident(k, "extends") && !ident(k, "super")) {
                        QName arg = qname(k);
                        types.add(arg);
                        mark(arg.first(), arg.next());
                        k = arg.next() - 1;
                    }
                }
                done[close] = true;
                j = close + 1;
            }
            while (punct(j, '[') && punct(j + 1, ']')) {
                mark(j, j + 2);
                j += 2;
            }
            return j;
        }

        private boolean globalTypeAllowed(List<String> segments) {
            if (startsLower(segments.get(0))) return allowedType(segments);
            List<String> rest = segments.subList(1, segments.size());
            List<String> imported = explicitImports.get(segments.get(0));
            if (imported != null) return allowedType(concat(imported, rest));
            for (List<String> pkg : wildcardImports) {
                if (allowedPackage(pkg) && classExists(String.join(".", pkg) + "." + segments.get(0))) {
                    return allowedType(concat(concat(pkg, List.of(segments.get(0))), rest));
                }
            }
            return false;
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        private static boolean classExists(String name) {
            try {
                Class.forName(name, false, RuleSandbox.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        // code

        /**
         * A dotted run of names: {@code java.lang.System.getenv}, {@code $a.getNetAssets}, {@code for}.
         * MVEL's null-safe {@code ?.} and {@code !.} continue the run.
         */
        private void checkChain(int i, boolean member) {
            List<Integer> idx = new ArrayList<>();
            idx.add(i);
            int j = i;
            while (true) {
                if (punct(j + 1, '.') && ident(j + 2)) {
                    j += 2;
                } else if ((punct(j + 1, '?') || punct(j + 1, '!')) && punct(j + 2, '.') && ident(j + 3)) {
                    j += 3;
                } else {
                    break;
                }
                idx.add(j);
            }
            mark(i, j + 1);
            List<String> segments = idx.stream().map(k -> t.get(k).text()).toList();
            String dotted = String.join(".", segments);
            int from = 0;
            if (!member && segments.get(0).equals("drools")) {
                if (segments.size() < 2 || !DROOLS_MEMBERS.contains(segments.get(1))) {
                    report(i, "KIE_RUNTIME", "`" + dotted + "` is refused: " + REASONS.get("KIE_RUNTIME"));
                    return;
                }
                from = 1;
            } else if (!member && segments.size() >= 2 && startsLower(segments.get(0))
                    && (QUALIFIED_ROOTS.contains(segments.get(0)) || segments.stream().skip(1).anyMatch(RuleSandbox::startsUpper))
                    && !allowedType(segments)) {
                report(i, "QUALIFIED_NAME", "the qualified name `" + dotted + "` is refused: it names a class"
                        + " outside the allowed packages. " + ALLOWED);
                return;
            }
            for (int n = from; n < idx.size(); n++) {
                int k = idx.get(n);
                String construct = refusedAt(k);
                if (construct != null) {
                    String name = t.get(k).text();
                    report(k, construct, "`" + name + "` is refused: " + REASONS.get(construct)
                            + (isNameCheck(construct) ? " " + ALLOWED : ""));
                    return;
                }
            }
        }

        private static boolean isNameCheck(String construct) {
            return switch (construct) {
                case "LOOP", "LOCAL_DECLARATION", "TIMER", "CLOCK", "LAMBDA", "KIE_RUNTIME" -> false;
                default -> true;
            };
        }

        /** The construct a name is refused as here, or null; some keywords depend on their neighbours. */
        private String refusedAt(int k) {
            String name = t.get(k).text();
            if (name.indexOf('$') >= 0) {
                // a binary name such as Runtime$Version (which MVEL resolves through java.lang) is refused
                // when any part of it is
                for (String part : name.split("\\$")) {
                    String construct = refusedName(part);
                    if (construct != null) return construct;
                }
            }
            return switch (name) {
                case "do" -> punct(k + 1, '[') ? null : "LOOP"; // do[name] is a DRL named consequence
                case "class" -> punct(k - 1, '.') ? "CLASS_LOADING" : "LOCAL_DECLARATION";
                case "interface" -> "LOCAL_DECLARATION";
                case "enum" -> ident(k - 1, "declare") ? null : "LOCAL_DECLARATION";
                case "record" -> ident(k + 1) && punct(k + 2, '(') ? "LOCAL_DECLARATION" : null;
                case "timer" -> punct(k + 1, '(') || kind(k + 1, Kind.NUMBER) ? "TIMER" : null;
                case "duration" -> punct(k + 1, '(') || kind(k + 1, Kind.NUMBER) ? "TIMER" : null;
                case "calendars" -> kind(k + 1, Kind.STRING) ? "TIMER" : null;
                // LocalDate.now(), Instant.now() …; a fact property named now (without a call) stays allowed
                case "now" -> punct(k + 1, '(') ? "CLOCK" : null;
                // date-effective and date-expires make a rule's activity depend on the wall clock
                case "date" -> punct(k + 1, '-') && (ident(k + 2, "effective") || ident(k + 2, "expires")) ? "CLOCK" : null;
                default -> refusedName(name);
            };
        }

        private static String refusedName(String name) {
            return name.startsWith("Rule_") ? "KIE_RUNTIME" : REFUSED_NAMES.get(name);
        }

        /**
         * <code>name(...) &#123;</code> or <code>name(...) throws X &#123;</code>: a method declaration,
         * unless name is a statement keyword or DRL's modify; <code>new Type(...) &#123;</code>: an
         * anonymous class. DRL function headers are exempt.
         */
        private void checkDeclarationAfter(int close) {
            if (!punct(close + 1, '{') && !ident(close + 1, "throws")) return;
            int open = matchingBackwards(close);
            if (open < 1 || functionHeaders.contains(open)) return;
            int j = open - 1;
            if (ident(j) && BLOCK_KEYWORDS.contains(t.get(j).text())) return;
            int name = j;
            while ((ident(j) && !ident(j, "new")) || punct(j, '.') || punct(j, '<') || punct(j, '>') || punct(j, ',') || punct(j, '?')
                    || punct(j, '&')) {
                j--;
            }
            if (ident(j, "new")) {
                report(j, "LOCAL_DECLARATION", "an anonymous class is refused: " + REASONS.get("LOCAL_DECLARATION"));
            } else if (ident(name)) {
                report(name, "LOCAL_DECLARATION", "`" + t.get(name).text() + "(...) {` declares a method, which is"
                        + " refused: " + REASONS.get("LOCAL_DECLARATION"));
            }
        }

        private int matchingBackwards(int close) {
            int depth = 0;
            for (int k = close; k >= 0; k--) {
                if (punct(k, ')')) depth++;
                else if (punct(k, '(') && --depth == 0) return k;
            }
            return -1;
        }

        private void checkLambda(int i) {
            Token k = t.get(i);
            Token next = tok(i + 1);
            if (next == null || next.offset() != k.end()) return;
            if ((k.isPunct('-') && next.isPunct('>')) || (k.isPunct(':') && next.isPunct(':'))) {
                done[i + 1] = true;
                report(i, "LAMBDA", "`" + k.text() + next.text() + "` is refused: " + REASONS.get("LAMBDA"));
            }
        }

        // functions, for the recursion check across the rule set

        List<FunctionBody> functions() {
            return functions;
        }

        private List<FunctionBody> findFunctions() {
            List<FunctionBody> found = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                if (!ident(i, "function") || punct(i - 1, '.') || ident(i - 1, "import")) continue;
                int p = i + 1;
                while (p < t.size() && !punct(p, '(') && !punct(p, '{') && !punct(p, ';')) p++;
                if (!punct(p, '(') || p < i + 2 || !ident(p - 1)) continue;
                int close = matching(p, '(', ')');
                if (close < 0) continue;
                int open = close + 1;
                while (open < t.size() && !punct(open, '{') && !punct(open, ';')) open++;
                if (!punct(open, '{')) continue;
                int end = matching(open, '{', '}');
                functionHeaders.add(p);
                found.add(new FunctionBody(file, t.get(p - 1).text(), t, open + 1, end < 0 ? t.size() : end));
            }
            return found;
        }
    }

    // --- recursion across the rule set ---

    private record Call(FunctionBody caller, String callee, Token at) {
    }

    private static void checkRecursion(List<FunctionBody> functions, List<SandboxViolation> violations) {
        Set<String> names = new HashSet<>();
        functions.forEach(f -> names.add(f.name()));
        Map<String, Set<String>> graph = new HashMap<>();
        List<Call> calls = new ArrayList<>();
        for (FunctionBody f : functions) {
            List<Token> t = f.tokens();
            for (int k = f.bodyStart(); k < f.bodyEnd(); k++) {
                Token tk = t.get(k);
                // also Name.name(...): the engine compiles each function into a class named after it
                boolean call = tk.isIdent() && names.contains(tk.text())
                        && k + 1 < t.size() && t.get(k + 1).isPunct('(') && !t.get(k - 1).is("new");
                if (call) {
                    calls.add(new Call(f, tk.text(), tk));
                    graph.computeIfAbsent(f.name(), n -> new HashSet<>()).add(tk.text());
                }
            }
        }
        for (Call c : calls) {
            if (!reaches(graph, c.callee(), c.caller().name())) continue;
            String how = c.callee().equals(c.caller().name())
                    ? "function `" + c.caller().name() + "` calls itself"
                    : "function `" + c.caller().name() + "` calls `" + c.callee() + "`, which leads back to `"
                    + c.caller().name() + "`";
            violations.add(new SandboxViolation(c.caller().file(), c.at().line(), c.at().column(), "RECURSION",
                    how + ": recursion is refused because a recursive function can run without bound inside one"
                            + " firing, where halting the session cannot stop it. " + PATTERNS));
        }
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String to) {
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (n.equals(to)) return true;
            if (seen.add(n)) todo.addAll(graph.getOrDefault(n, Set.of()));
        }
        return false;
    }
}
