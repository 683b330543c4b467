package cn.ruralcredit.loanfactory.decision.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The field-level differences between two decision responses. Objects are compared field by
 * field (paths such as {@code tier.code}); arrays ({@code reasons}, {@code firedRules}) as a whole,
 * because their order is part of the decision; numbers by value, so that a stored {@code 80000.00}
 * equals a replayed {@code 80000}. Identity fields that name a particular evaluation, not its
 * result, are left out.
 */
public final class DecisionDifferences {
    /** Not outputs of the rules: the id and time of one evaluation, and who asked for it (a batch's officer, a re-rating). */
    public static final Set<String> IDENTITY = Set.of("decisionId", "decidedAt", "requestedBy", "revises");
    /** Not outputs of the rules either: which rule set made the decision, and how it got there. */
    public static final Set<String> PROVENANCE = Set.of("ruleSet", "firedRules");

    private DecisionDifferences() {
    }

    /** Every output field that differs, in field order; empty when the decisions are the same. */
    public static List<Difference> between(JsonNode original, JsonNode replayed, Set<String> ignored) {
        List<Difference> out = new ArrayList<>();
        compare("", original, replayed, ignored, out);
        return out;
    }

    private static void compare(String path, JsonNode a, JsonNode b, Set<String> ignored, List<Difference> out) {
        JsonNode left = a == null ? NullNode.getInstance() : a;
        JsonNode right = b == null ? NullNode.getInstance() : b;
        if (left.isObject() && right.isObject()) {
            Set<String> names = new TreeSet<>(fieldOrder(left));
            names.addAll(fieldOrder(right));
            // keep the original's field order, then any field only the replay has
            List<String> ordered = new ArrayList<>(fieldOrder(left));
            for (String name : names) if (!ordered.contains(name)) ordered.add(name);
            for (String name : ordered) {
                if (path.isEmpty() && ignored.contains(name)) continue;
                compare(path.isEmpty() ? name : path + "." + name, left.get(name), right.get(name), ignored, out);
            }
            return;
        }
        if (!same(left, right)) out.add(new Difference(path, left, right));
    }

    private static List<String> fieldOrder(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    /** Equal JSON, with numbers equal by value at any depth. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i))) return false;
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) return false;
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!b.has(name) || !same(a.get(name), b.get(name))) return false;
            }
            return true;
        }
        return a.equals(b);
    }
}
