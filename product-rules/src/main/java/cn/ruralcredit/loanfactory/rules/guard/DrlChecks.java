package cn.ruralcredit.loanfactory.rules.guard;

import cn.ruralcredit.loanfactory.rules.guard.GuardViolation.Construct;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EnumDeclarationDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QualifiedName;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks made on the parsed DRL, before anything is compiled: what the bytecode cannot show
 * because the engine reads it, not generated code. Each file is parsed by the Drools parser the
 * compiler itself uses, so this reads the structure the compiler will read.
 */
final class DrlChecks {
    static final String RULES_PACKAGE = "cn.ruralcredit.loanfactory.rules";
    /** The packages of product-rules' own code: rule sets may not live in them. */
    static final Set<String> CODE_PACKAGES = Set.of("compile", "engine", "guard", "market", "model", "request",
            "scenario", "seed", "worker");
    /** Attributes with a literal value that the engine reads once, when the rule base is built. */
    static final Set<String> ATTRIBUTES = Set.of("salience", "ruleflow-group", "agenda-group", "activation-group",
            "no-loop", "lock-on-active", "auto-focus", "dialect");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*\\.drl");
    private static final Pattern SALIENCE = Pattern.compile("-?\\d{1,6}");
    private static final Pattern BOOLEAN = Pattern.compile("true|false");

    private DrlChecks() {
    }

    static List<GuardViolation> check(String file, PackageDescr pkg) {
        List<GuardViolation> found = new ArrayList<>();
        String ns = pkg.getNamespace() == null ? "" : pkg.getNamespace();
        if (!ns.startsWith(RULES_PACKAGE + ".") || CODE_PACKAGES.contains(ns.substring(RULES_PACKAGE.length() + 1).split("\\.")[0])) {
            found.add(at(Construct.PACKAGE, file, pkg, "", "package " + (ns.isEmpty() ? "(none)" : ns) + " is refused: a rule set"
                    + " lives in a package under " + RULES_PACKAGE + " other than product-rules' own " + CODE_PACKAGES));
        }
        pkg.getAccumulateImports().forEach(a -> found.add(at(Construct.IMPORT, file, a, "", "import accumulate "
                + a.getTarget() + " is refused: the compiler creates an instance of the named class while it compiles,"
                + " before any check can see it; the built-in functions (sum, count, min, max, average, collectList,"
                + " collectSet) need no import")));
        for (AttributeDescr a : pkg.getAttributes()) checkAttribute(file, "", a, found);
        checkDeclarations(file, pkg, found);
        for (RuleDescr rule : pkg.getRules()) {
            if (rule.isQuery()) {
                found.add(at(Construct.QUERY, file, rule, rule.getName(), "query \"" + rule.getName() + "\" is refused: a decision"
                        + " has no caller for a query, and a query that calls itself can exhaust the heap"));
                continue;
            }
            for (Map.Entry<String, AttributeDescr> a : rule.getAttributes().entrySet()) {
                checkAttribute(file, rule.getName(), a.getValue(), found);
            }
            annotations(file, rule.getName(), "rule \"" + rule.getName() + "\"", rule, found);
            if (rule.getLhs() != null) patternAnnotations(file, rule.getName(), rule.getLhs(), found);
        }
        return found;
    }

    /**
     * Declared enums are refused: the compiler initialises each declared type while it compiles, so an
     * enum constant's arguments would run before any check. A declared type may extend only another
     * type the rule set declares (whose initialiser is the compiler's own); extending a class runs that
     * class's static initialiser at compile time too.
     */
    private static void checkDeclarations(String file, PackageDescr pkg, List<GuardViolation> found) {
        Set<String> declared = new HashSet<>();
        pkg.getTypeDeclarations().forEach(t -> {
            declared.add(t.getTypeName());
            declared.add(t.getFullTypeName());
        });
        for (EnumDeclarationDescr e : pkg.getEnumDeclarations()) {
            found.add(at(Construct.DECLARATION, file, e, e.getTypeName(), "declare enum " + e.getTypeName() + " is refused: the"
                    + " compiler initialises it while it compiles, running its constants' arguments before any check, and"
                    + " its constants would be state shared by every decision; use the fact model's enums or String codes"));
        }
        for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
            for (QualifiedName superType : t.getSuperTypes()) {
                if (!declared.contains(superType.getName()) && !declared.contains(superType.getFullName())) {
                    found.add(at(Construct.DECLARATION, file, t, t.getTypeName(), "declared type " + t.getTypeName()
                            + " extends " + superType.getFullName() + ", which the rule set does not declare: the compiler"
                            + " initialises a supertype while it compiles; a declared type may extend only another one"));
                }
            }
            annotations(file, t.getTypeName(), "declared type " + t.getTypeName(), t, found);
            for (TypeFieldDescr field : t.getFields().values()) {
                annotations(file, t.getTypeName(), "field " + field.getFieldName() + " of " + t.getTypeName(), field, found);
            }
        }
    }

    /** Annotations are refused: the compiler evaluates the values of some with MVEL while it compiles. */
    private static void annotations(String file, String owner, String where, AnnotatedBaseDescr d, List<GuardViolation> found) {
        for (AnnotationDescr a : d.getAnnotations()) {
            found.add(at(Construct.ANNOTATION, file, a.getLine() > 0 ? a : d, owner, "annotation @" + a.getName() + " on " + where
                    + " is refused: the compiler evaluates annotation values with MVEL while it compiles, before any"
                    + " check of the compiled code"));
        }
    }

    private static void patternAnnotations(String file, String rule, BaseDescr d, List<GuardViolation> found) {
        if (d instanceof PatternDescr p) {
            annotations(file, rule, "a pattern of rule \"" + rule + "\"", p, found);
            if (p.getSource() != null) patternAnnotations(file, rule, p.getSource(), found);
        }
        if (d instanceof AccumulateDescr acc && acc.getInput() != null) patternAnnotations(file, rule, acc.getInput(), found);
        if (d instanceof CollectDescr col && col.getInputPattern() != null) patternAnnotations(file, rule, col.getInputPattern(), found);
        if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr child : ce.getDescrs()) patternAnnotations(file, rule, child, found);
        }
    }

    static List<GuardViolation> checkFileName(String file) {
        if (FILE_NAME.matcher(file).matches()) return List.of();
        return List.of(new GuardViolation(Construct.FILE_NAME, file, 0, 0, "", "file " + file + " is refused: a rule set is"
                + " made of .drl files with plain relative names (letters, digits, _ and -); decision tables, DSL, Java"
                + " or kmodule.xml would be compiled into code this check never sees"));
    }

    private static void checkAttribute(String file, String rule, AttributeDescr a, List<GuardViolation> found) {
        String name = a.getName();
        String value = a.getValue() == null ? "" : a.getValue().strip();
        String where = rule.isEmpty() ? "the package" : "rule \"" + rule + "\"";
        if (!ATTRIBUTES.contains(name)) {
            found.add(at(Construct.ATTRIBUTE, file, a, rule, "attribute " + name + " of " + where + " is refused: "
                    + (name.equals("enabled") ? "its expression is evaluated at run time (by MVEL)"
                    : name.startsWith("date-") ? "it reads the clock; rules take the evaluation date from the asOfDate fact"
                    : "it schedules firings or is evaluated at run time")
                    + "; allowed are " + ATTRIBUTES + " with literal values"));
        } else if (name.equals("salience") && !SALIENCE.matcher(value).matches()) {
            found.add(at(Construct.ATTRIBUTE, file, a, rule, "salience of " + where + " must be a literal integer (e.g."
                    + " salience 10): an expression is evaluated at run time"));
        } else if (name.equals("dialect") && !value.equals("java") && !value.equals("\"java\"")) {
            found.add(at(Construct.DIALECT, file, a, rule, "dialect " + value + " of " + where + " is refused: only the java"
                    + " dialect, which is compiled and checked as compiled; mvel is interpreted at run time"));
        } else if (Set.of("no-loop", "lock-on-active", "auto-focus").contains(name) && !value.isEmpty()
                && !BOOLEAN.matcher(value).matches()) {
            found.add(at(Construct.ATTRIBUTE, file, a, rule, name + " of " + where + " must be true or false"));
        }
    }

    private static GuardViolation at(Construct c, String file, BaseDescr d, String rule, String message) {
        return new GuardViolation(c, file, Math.max(d.getLine(), 0), Math.max(d.getColumn() + 1, 0), rule, message);
    }
}
