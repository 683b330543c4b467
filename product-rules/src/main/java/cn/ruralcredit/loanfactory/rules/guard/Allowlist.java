package cn.ruralcredit.loanfactory.rules.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule guard's policy as data: the types and members that code compiled from a rule set may
 * reference, read from {@code rule-guard/allowlist.txt} (its header explains the format). This
 * class only answers whether a reference is listed; the checks that apply it are in
 * {@link BytecodeChecks}.
 */
public final class Allowlist {
    public static final String RESOURCE = "/rule-guard/allowlist.txt";

    /** Members of Object that reach the JVM: refused on every type (clone only on arrays). */
    static final Set<String> NEVER = Set.of("getClass", "wait", "notify", "notifyAll", "finalize", "clone");
    /**
     * Members a type covered by {@code *} does not get: a class that does not define them inherits
     * Object's, whose identity hash differs from one run to the next. A type lists them by name
     * where its own are deterministic (String, BigDecimal...).
     */
    static final Set<String> NOT_BY_WILDCARD = Set.of("hashCode", "toString");

    /** What the list says of one member: its parameter types when listed by overload, and which argument must be a literal. */
    record Member(String name, List<String> params, int literalIndex, Literal literal) {
        boolean anyOverload() {
            return params == null;
        }
    }

    /** The kind of literal an argument must be. */
    enum Literal { SMALL_INT, PLAIN_DECIMAL }

    private record TypeEntry(boolean wholePackage, boolean allMembers, Map<String, List<Member>> members) {
    }

    private final Map<String, TypeEntry> types = new HashMap<>();
    private final Map<String, TypeEntry> packages = new HashMap<>();

    private static final Allowlist DEFAULT = load();

    public static Allowlist standard() {
        return DEFAULT;
    }

    static Allowlist load() {
        try (InputStream in = Allowlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Allowlist parse(List<String> lines) {
        Allowlist list = new Allowlist();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] tokens = line.split("\\s+");
            String type = tokens[0];
            boolean wholePackage = type.endsWith(".*");
            Map<String, List<Member>> members = new HashMap<>();
            boolean all = false;
            for (int i = 1; i < tokens.length; i++) {
                if (tokens[i].equals("*")) {
                    all = true;
                    continue;
                }
                Member m = member(tokens[i], n);
                members.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
            }
            TypeEntry entry = new TypeEntry(wholePackage, all, members);
            String key = wholePackage ? type.substring(0, type.length() - 2).replace('.', '/') : type.replace('.', '/');
            if ((wholePackage ? list.packages : list.types).put(key, entry) != null) {
                throw new IllegalStateException("allowlist line " + n + ": " + type + " is listed twice");
            }
        }
        return list;
    }

    private static Member member(String token, int line) {
        int open = token.indexOf('(');
        if (open < 0) return new Member(token, null, -1, null);
        if (!token.endsWith(")")) throw new IllegalStateException("allowlist line " + line + ": bad member " + token);
        String name = token.substring(0, open);
        String inside = token.substring(open + 1, token.length() - 1);
        List<String> params = new ArrayList<>();
        int literalIndex = -1;
        Literal literal = null;
        if (!inside.isEmpty()) {
            String[] ps = inside.split(",");
            for (int i = 0; i < ps.length; i++) {
                String p = ps[i];
                if (p.endsWith("!")) {
                    p = p.substring(0, p.length() - 1);
                    literalIndex = i;
                    literal = switch (p) {
                        case "int" -> Literal.SMALL_INT;
                        case "String" -> Literal.PLAIN_DECIMAL;
                        default -> throw new IllegalStateException("allowlist line " + line + ": only int! and String! literals: " + token);
                    };
                }
                params.add(p);
            }
        }
        return new Member(name, List.copyOf(params), literalIndex, literal);
    }

    /** Whether code may name the type (internal name, e.g. {@code java/math/BigDecimal}). */
    public boolean allowsType(String internalName) {
        return entry(internalName).isPresent();
    }

    /**
     * The listed member that a reference matches, if any.
     *
     * @param owner      internal name of the owner as the bytecode names it
     * @param name       member name ({@code <init>} for constructors)
     * @param paramTypes simple names of the parameter types; null for a field
     */
    public Optional<Member> member(String owner, String name, List<String> paramTypes) {
        if (NEVER.contains(name)) return Optional.empty();
        Optional<TypeEntry> entry = entry(owner);
        if (entry.isEmpty()) return Optional.empty();
        if (entry.get().allMembers()) {
            return NOT_BY_WILDCARD.contains(name) ? Optional.empty() : Optional.of(new Member(name, null, -1, null));
        }
        List<Member> listed = entry.get().members().get(name);
        if (listed == null) return Optional.empty();
        for (Member m : listed) {
            if (m.anyOverload() || paramTypes == null || m.params().equals(paramTypes)) return Optional.of(m);
        }
        return Optional.empty();
    }

    private Optional<TypeEntry> entry(String internalName) {
        TypeEntry t = types.get(internalName);
        if (t != null) return Optional.of(t);
        int slash = internalName.lastIndexOf('/');
        if (slash < 0) return Optional.empty();
        // a whole package covers its own types, not those of sub-packages
        return Optional.ofNullable(packages.get(internalName.substring(0, slash)));
    }
}
