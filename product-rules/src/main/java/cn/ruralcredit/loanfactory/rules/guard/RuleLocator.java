package cn.ruralcredit.loanfactory.rules.guard;

import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the rule, function or declared type of the DRL that a generated class or method came
 * from, so that a refusal names the rule, its file and line. The executable model builds each
 * rule in a method that names the rule and refers to its condition and consequence classes; a
 * function becomes a static method of the same name; a declared type a class of its name.
 */
final class RuleLocator {
    /** Where something is in the DRL. */
    record Place(String kind, String file, String name, int line, int column, String text) {
    }

    private final Map<String, Place> rules = new HashMap<>();
    private final Map<String, Place> functions = new HashMap<>();
    private final Map<String, Place> types = new HashMap<>();
    /** generated class → the rules whose build method refers to it */
    private final Map<String, Set<String>> classRules = new HashMap<>();
    /** generated class + method → the rule built in it */
    private final Map<String, String> methodRule = new HashMap<>();

    RuleLocator(Map<String, PackageDescr> parsed, Map<String, String> files) {
        parsed.forEach((file, pkg) -> {
            String text = files.get(file);
            pkg.getRules().forEach(r -> rules.putIfAbsent(r.getName(), place("rule", file, r.getName(), r, text)));
            pkg.getFunctions().forEach(f -> functions.putIfAbsent(f.getName(), place("function", file, f.getName(), f, text)));
            pkg.getTypeDeclarations().forEach(t -> types.putIfAbsent(t.getTypeName(), place("declared type", file, t.getTypeName(), t, text)));
        });
    }

    private static Place place(String kind, String file, String name, BaseDescr d, String text) {
        String body = "";
        if (text != null && d.getStartCharacter() >= 0 && d.getEndCharacter() > d.getStartCharacter()) {
            body = text.substring(Math.min(d.getStartCharacter(), text.length()), Math.min(d.getEndCharacter() + 1, text.length()));
        }
        return new Place(kind, file, name, Math.max(d.getLine(), 0), Math.max(d.getColumn() + 1, 1), body);
    }

    /** Reads which rule each generated class and method belongs to. */
    void index(Map<String, byte[]> classes) {
        classes.forEach((name, bytes) -> {
            ClassNode c = new ClassNode();
            new ClassReader(bytes).accept(c, ClassReader.SKIP_FRAMES);
            for (MethodNode m : c.methods) {
                String rule = null;
                Set<String> referenced = new LinkedHashSet<>();
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String s && rules.containsKey(s) && rule == null) rule = s;
                    if (insn instanceof FieldInsnNode f && classes.containsKey(f.owner) && !f.owner.equals(c.name)) referenced.add(f.owner);
                }
                if (rule == null) continue;
                methodRule.put(c.name + "." + m.name, rule);
                for (String r : referenced) classRules.computeIfAbsent(r, k -> new LinkedHashSet<>()).add(rule);
            }
        });
    }

    /** The DRL place of a finding in {@code className}'s method {@code method}, or null when it cannot be told. */
    Place locate(String className, String method) {
        String rule = methodRule.get(className + "." + method);
        if (rule != null) return rules.get(rule);
        Set<String> owning = classRules.get(className);
        if (owning != null && !owning.isEmpty()) return rules.get(owning.iterator().next());
        Place function = functions.get(method);
        if (function != null) return function;
        String simple = className.substring(className.lastIndexOf('/') + 1);
        return types.get(simple);
    }
}
