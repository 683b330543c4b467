package cn.ruralcredit.loanfactory.rules.guard;

import cn.ruralcredit.loanfactory.rules.guard.GuardViolation.Construct;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the bytecode compiled from a rule set against the {@link Allowlist}: every type, method,
 * constructor and field it references, its supertypes and field writes; and that it cannot loop
 * or recurse (no backward jump, no cycle among its own methods), lock, or size an array or a
 * decimal by a computed number. It reads what will run, so whatever a comment, an escape or a
 * dialect did to the DRL text, a call to {@code Runtime} is a reference to {@code Runtime} here.
 */
final class BytecodeChecks {
    /** Largest literal accepted where an int must be a literal (a scale or an exponent). */
    static final int MAX_SMALL_INT = 20;
    /** Largest literal array size (varargs of a few values). */
    static final int MAX_ARRAY = 1_000;
    static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,6})?");

    /**
     * What a rule may catch: exceptions, to fail a decision its own way, and the one Error the Java
     * compiler's switch tables catch. Catching Throwable or an Error (a StackOverflowError, an
     * OutOfMemoryError) would carry on where the engine must fail closed.
     */
    private static final Set<String> CATCHABLE = Set.of("java/lang/Exception", "java/lang/RuntimeException",
            "java/lang/IllegalArgumentException", "java/lang/IllegalStateException", "java/lang/ArithmeticException",
            "java/lang/NoSuchFieldError");

    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/invoke/StringConcatFactory.makeConcat");

    /** A finding in one class, before it is located in the DRL. */
    record Finding(Construct construct, String className, String method, String member, String message) {
    }

    private final Allowlist allowlist;
    private final Set<String> own;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Set<String>> calls = new LinkedHashMap<>();
    private final Map<String, String> methodClass = new HashMap<>();
    /** own class → its superclass, and → the methods it declares (name + descriptor) */
    private final Map<String, String> superOf = new HashMap<>();
    private final Map<String, Set<String>> declared = new HashMap<>();

    private BytecodeChecks(Allowlist allowlist, Set<String> ownClasses) {
        this.allowlist = allowlist;
        this.own = ownClasses;
    }

    /** @param classes the compiled classes by internal name (e.g. {@code cn/.../Rules1A2B}) */
    static List<Finding> check(Allowlist allowlist, Map<String, byte[]> classes) {
        BytecodeChecks checks = new BytecodeChecks(allowlist, classes.keySet());
        List<ClassNode> nodes = new ArrayList<>();
        classes.forEach((name, bytes) -> {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, 0);
            nodes.add(node);
            checks.superOf.put(node.name, node.superName);
            Set<String> methods = new HashSet<>();
            node.methods.forEach(m -> methods.add(m.name + m.desc));
            checks.declared.put(node.name, methods);
        });
        nodes.forEach(checks::checkClass);
        checks.checkRecursion();
        return checks.findings;
    }

    private void checkClass(ClassNode c) {
        if (c.superName != null && !typeAllowed(c.superName)) {
            add(Construct.SUPERTYPE, c.name, "", c.superName, "extends " + dotted(c.superName) + ", which is not on the allowlist");
        }
        for (String i : c.interfaces) {
            if (!typeAllowed(i)) add(Construct.SUPERTYPE, c.name, "", i, "implements " + dotted(i) + ", which is not on the allowlist");
        }
        for (MethodNode m : c.methods) checkMethod(c, m);
    }

    private void checkMethod(ClassNode c, MethodNode m) {
        String self = c.name + "." + m.name + m.desc;
        methodClass.put(self, c.name);
        calls.computeIfAbsent(self, k -> new HashSet<>());
        if (m.name.equals("finalize")) add(Construct.JVM, c.name, m.name, "finalize", "declares a finaliser, which the JVM runs on its own thread");
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            if (t.type != null && !CATCHABLE.contains(t.type) && !own.contains(t.type)) {
                add(Construct.REFERENCE, c.name, m.name, t.type.substring(t.type.lastIndexOf('/') + 1), "catches "
                        + dotted(t.type) + ": a rule may catch " + CATCHABLE.stream().map(BytecodeChecks::dotted).sorted().toList()
                        + " only; an Error must fail the decision closed");
            }
        }
        Set<LabelNode> targets = jumpTargets(m);
        AbstractInsnNode[] insns = m.instructions.toArray();
        Map<AbstractInsnNode, Integer> index = new HashMap<>();
        for (int i = 0; i < insns.length; i++) index.put(insns[i], i);
        for (int i = 0; i < insns.length; i++) {
            AbstractInsnNode insn = insns[i];
            if (insn instanceof MethodInsnNode call) {
                checkCall(c, m, self, call, insns, i, targets);
            } else if (insn instanceof FieldInsnNode field) {
                checkField(c, m, field);
            } else if (insn instanceof TypeInsnNode type) {
                if (!typeAllowed(type.desc)) {
                    add(Construct.REFERENCE, c.name, m.name, type.desc, "uses the type " + dotted(type.desc) + ", which is not on the allowlist");
                }
                if (type.getOpcode() == Opcodes.ANEWARRAY) checkArraySize(c, m, insns, i, targets);
                if (type.getOpcode() == Opcodes.NEW && type.desc.equals("java/lang/Object")) {
                    add(Construct.REFERENCE, c.name, m.name, "Object", "creates a plain Object, whose identity hash and"
                            + " text differ from one evaluation to the next");
                }
            } else if (insn instanceof IntInsnNode in && in.getOpcode() == Opcodes.NEWARRAY) {
                checkArraySize(c, m, insns, i, targets);
            } else if (insn instanceof MultiANewArrayInsnNode multi) {
                add(Construct.ARRAY_SIZE, c.name, m.name, multi.desc, "creates a multi-dimensional array");
            } else if (insn instanceof LdcInsnNode ldc) {
                checkConstant(c, m, ldc.cst);
            } else if (insn instanceof InvokeDynamicInsnNode indy) {
                checkDynamic(c, m, self, indy);
            } else if (insn instanceof JumpInsnNode jump) {
                if (index.get(jump.label) <= i) add(Construct.LOOP, c.name, m.name, "", "loops (a jump back)");
            } else if (insn instanceof TableSwitchInsnNode sw) {
                if (backward(index, i, sw.dflt, sw.labels)) add(Construct.LOOP, c.name, m.name, "", "loops (a switch that jumps back)");
            } else if (insn instanceof LookupSwitchInsnNode sw) {
                if (backward(index, i, sw.dflt, sw.labels)) add(Construct.LOOP, c.name, m.name, "", "loops (a switch that jumps back)");
            } else if (insn.getOpcode() == Opcodes.MONITORENTER) {
                add(Construct.JVM, c.name, m.name, "synchronized", "takes a lock (synchronized), which can block a decision thread");
            }
        }
    }

    private void checkCall(ClassNode c, MethodNode m, String self, MethodInsnNode call, AbstractInsnNode[] insns, int at,
                           Set<LabelNode> targets) {
        if (call.owner.startsWith("[")) {
            if (!call.name.equals("clone") || !typeAllowed(call.owner)) {
                add(Construct.REFERENCE, c.name, m.name, call.name, "calls " + call.name + " on an array");
            }
            return;
        }
        String owner = call.owner;
        if (own.contains(owner)) {
            if (Allowlist.NEVER.contains(call.name)) {
                add(Construct.REFERENCE, c.name, m.name, call.name, "calls " + call.name + "(), which reaches the JVM");
                return;
            }
            // a method the rule set declares is checked where it is declared; one it inherits, against the allowlist
            while (own.contains(owner) && !declared.get(owner).contains(call.name + call.desc)) owner = superOf.get(owner);
            if (own.contains(owner)) {
                calls.get(self).add(owner + "." + call.name + call.desc);
                return;
            }
        }
        List<String> params = Arrays.stream(Type.getArgumentTypes(call.desc)).map(BytecodeChecks::simpleName).toList();
        Optional<Allowlist.Member> listed = owner == null ? Optional.empty() : allowlist.member(owner, call.name, params);
        if (listed.isEmpty()) {
            String member = call.name.equals("<init>") ? call.owner.substring(call.owner.lastIndexOf('/') + 1) : call.name;
            add(Construct.REFERENCE, c.name, m.name, member, "calls " + describe(owner == null ? call.owner : owner, call.name, params)
                    + ", which is not on the rule guard's allowlist");
            return;
        }
        Allowlist.Member member = listed.get();
        if (member.literal() != null && !literalArgument(insns, at, params.size(), member, targets)) {
            add(Construct.LITERAL, c.name, m.name, call.name.equals("<init>") ? call.owner.substring(call.owner.lastIndexOf('/') + 1) : call.name, describe(call.owner, call.name, params) + " needs "
                    + (member.literal() == Allowlist.Literal.SMALL_INT
                    ? "its " + ordinal(member.literalIndex()) + " argument written as a number from 0 to " + MAX_SMALL_INT
                    + " (e.g. setScale(2, RoundingMode.HALF_UP)): a computed scale or exponent has no bound"
                    : "a plain decimal literal such as \"1.25\" (no exponent, at most 15 digits before the point)"));
        }
    }

    private void checkField(ClassNode c, MethodNode m, FieldInsnNode f) {
        if (own.contains(f.owner)) return;
        boolean write = f.getOpcode() == Opcodes.PUTFIELD || f.getOpcode() == Opcodes.PUTSTATIC;
        if (write) {
            add(Construct.FIELD_WRITE, c.name, m.name, f.name, "writes the field " + dotted(f.owner) + "." + f.name
                    + ", which belongs to a type the rule set did not declare");
        } else if (allowlist.member(f.owner, f.name, null).isEmpty()) {
            add(Construct.REFERENCE, c.name, m.name, f.name, "reads " + dotted(f.owner) + "." + f.name
                    + ", which is not on the rule guard's allowlist");
        }
    }

    private void checkConstant(ClassNode c, MethodNode m, Object constant) {
        if (constant instanceof Type t) {
            if (t.getSort() == Type.METHOD) {
                add(Construct.JVM, c.name, m.name, "", "loads a method type constant");
            } else if (!typeAllowed(t.getInternalName())) {
                add(Construct.REFERENCE, c.name, m.name, t.getInternalName(), "names the class " + dotted(t.getInternalName())
                        + ", which is not on the allowlist");
            }
        } else if (constant instanceof Handle h) {
            add(Construct.JVM, c.name, m.name, h.getName(), "loads a method handle of " + dotted(h.getOwner()) + "." + h.getName());
        } else if (!(constant instanceof String || constant instanceof Number)) {
            add(Construct.JVM, c.name, m.name, "", "loads a dynamic constant");
        }
    }

    private void checkDynamic(ClassNode c, MethodNode m, String self, InvokeDynamicInsnNode indy) {
        String bootstrap = indy.bsm.getOwner() + "." + indy.bsm.getName();
        if (!BOOTSTRAPS.contains(bootstrap)) {
            add(Construct.JVM, c.name, m.name, indy.name, "uses the dynamic call site " + bootstrap.replace('/', '.'));
            return;
        }
        if (bootstrap.startsWith("java/lang/invoke/LambdaMetafactory")) {
            // a lambda may only be one of the engine's own functional types, built for the engine to call: a lambda
            // of a type whose method a rule can call (Comparable) could call itself out of the recursion check's sight
            String made = Type.getReturnType(indy.desc).getInternalName();
            if (!made.equals("java/util/function/Supplier") && !made.startsWith("org/drools/model/functions/")) {
                add(Construct.RECURSION, c.name, m.name, indy.name, "creates a lambda or method reference of type "
                        + dotted(made) + ": only the engine's own functional types may be built");
                return;
            }
        }
        for (Object arg : indy.bsmArgs) {
            if (!(arg instanceof Handle h)) continue;
            if (own.contains(h.getOwner())) {
                calls.get(self).add(h.getOwner() + "." + h.getName() + h.getDesc());
                continue;
            }
            List<String> params = Arrays.stream(Type.getArgumentTypes(h.getDesc())).map(BytecodeChecks::simpleName).toList();
            Optional<Allowlist.Member> listed = allowlist.member(h.getOwner(), h.getName(), params);
            if (listed.isEmpty() || listed.get().literal() != null) {
                add(Construct.REFERENCE, c.name, m.name, h.getName(), "refers to " + describe(h.getOwner(), h.getName(), params)
                        + ", which is not on the rule guard's allowlist");
            }
        }
    }

    private void checkArraySize(ClassNode c, MethodNode m, AbstractInsnNode[] insns, int at, Set<LabelNode> targets) {
        AbstractInsnNode size = previous(insns, at, targets);
        boolean ok = false;
        if (size != null) {
            Integer n = intConstant(size);
            if (n != null) ok = n >= 0 && n <= MAX_ARRAY;
            else {
                // the length of an existing array (an enum's values()): arraylength, optionally dup and istore
                AbstractInsnNode insn = size;
                for (int steps = 0; insn != null && steps < 3 && !ok; steps++) {
                    int op = insn.getOpcode();
                    if (op == Opcodes.ARRAYLENGTH) ok = true;
                    else if (op != Opcodes.DUP && op != Opcodes.ISTORE) break;
                    else insn = previous(insns, indexOf(insns, insn), targets);
                }
            }
        }
        if (!ok) add(Construct.ARRAY_SIZE, c.name, m.name, "", "creates an array whose size is not a literal up to " + MAX_ARRAY);
    }

    /** Whether the argument that must be a literal is one, found by walking back over simple pushes. */
    private static boolean literalArgument(AbstractInsnNode[] insns, int at, int paramCount, Allowlist.Member member,
                                           Set<LabelNode> targets) {
        int i = at;
        AbstractInsnNode insn = null;
        for (int p = paramCount - 1; p >= member.literalIndex(); p--) {
            insn = previous(insns, i, targets);
            if (insn == null) return false;
            if (p > member.literalIndex() && !simplePush(insn)) return false;
            i = indexOf(insns, insn);
        }
        if (insn == null) return false;
        if (member.literal() == Allowlist.Literal.SMALL_INT) {
            Integer n = intConstant(insn);
            return n != null && n >= 0 && n <= MAX_SMALL_INT;
        }
        return insn instanceof LdcInsnNode ldc && ldc.cst instanceof String s && PLAIN_DECIMAL.matcher(s).matches();
    }

    /** The instruction before {@code at}, skipping labels, lines and frames; null at a jump target (two paths meet there). */
    private static AbstractInsnNode previous(AbstractInsnNode[] insns, int at, Set<LabelNode> targets) {
        for (int i = at - 1; i >= 0; i--) {
            AbstractInsnNode insn = insns[i];
            if (insn instanceof LabelNode label) {
                if (targets.contains(label)) return null;
                continue;
            }
            if (insn.getOpcode() < 0) continue;
            return insn;
        }
        return null;
    }

    private static int indexOf(AbstractInsnNode[] insns, AbstractInsnNode insn) {
        for (int i = insns.length - 1; i >= 0; i--) if (insns[i] == insn) return i;
        throw new IllegalStateException("instruction not in method");
    }

    private static boolean simplePush(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return (op >= Opcodes.ACONST_NULL && op <= Opcodes.LDC) || (op >= Opcodes.ILOAD && op <= Opcodes.ALOAD)
                || op == Opcodes.GETSTATIC;
    }

    private static Integer intConstant(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) return op - Opcodes.ICONST_0;
        if (insn instanceof IntInsnNode in && (op == Opcodes.BIPUSH || op == Opcodes.SIPUSH)) return in.operand;
        if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Integer n) return n;
        return null;
    }

    private static Set<LabelNode> jumpTargets(MethodNode m) {
        Set<LabelNode> targets = new HashSet<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof JumpInsnNode j) targets.add(j.label);
            if (insn instanceof TableSwitchInsnNode t) {
                targets.add(t.dflt);
                targets.addAll(t.labels);
            }
            if (insn instanceof LookupSwitchInsnNode l) {
                targets.add(l.dflt);
                targets.addAll(l.labels);
            }
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) targets.add(t.handler);
        return targets;
    }

    private static boolean backward(Map<AbstractInsnNode, Integer> index, int at, LabelNode dflt, List<LabelNode> labels) {
        if (index.get(dflt) <= at) return true;
        for (LabelNode l : labels) if (index.get(l) <= at) return true;
        return false;
    }

    /** Every cycle among the rule set's own methods is recursion: reported once, at a method on the cycle. */
    private void checkRecursion() {
        Map<String, Integer> state = new HashMap<>();
        for (String method : calls.keySet()) visit(method, state, new ArrayList<>());
    }

    private void visit(String method, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(method);
        if (s != null) {
            if (s == 1) {
                String cls = methodClass.getOrDefault(method, method.substring(0, method.lastIndexOf('.')));
                String name = method.substring(method.lastIndexOf('.') + 1, method.indexOf('('));
                add(Construct.RECURSION, cls, name, name, "calls itself (" + name + ", directly or through "
                        + (path.size() - path.indexOf(method) - 1) + " other method(s)): a recursion has no bound");
            }
            return;
        }
        state.put(method, 1);
        path.add(method);
        for (String callee : calls.getOrDefault(method, Set.of())) visit(callee, state, path);
        path.remove(path.size() - 1);
        state.put(method, 2);
    }

    private boolean typeAllowed(String internalName) {
        String t = internalName;
        while (t.startsWith("[")) t = t.substring(1);
        if (t.length() == 1) return true; // a primitive array
        if (t.startsWith("L") && t.endsWith(";")) t = t.substring(1, t.length() - 1);
        return own.contains(t) || allowlist.allowsType(t);
    }

    private void add(Construct construct, String className, String method, String member, String message) {
        findings.add(new Finding(construct, className, method, member, message));
    }

    static String simpleName(Type t) {
        String n = t.getClassName();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    private static String describe(String owner, String name, List<String> params) {
        return dotted(owner) + (name.equals("<init>") ? " constructor" : "." + name) + "(" + String.join(", ", params) + ")";
    }

    static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    private static String ordinal(int i) {
        return switch (i) {
            case 0 -> "first";
            case 1 -> "second";
            case 2 -> "third";
            default -> (i + 1) + "th";
        };
    }
}
