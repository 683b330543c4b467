package cn.ruralcredit.loanfactory.rules.engine;

/** Rule code that runs far past any time cap using only what the rule guard allows (its documented residue). */
public final class SlowRules {
    private SlowRules() {
    }

    /**
     * Functions f0..fN where each calls the next twice, with different arguments and decimal results:
     * no loop and no recursion for the rule guard to refuse, but 2^N additions that no JIT can fold
     * away. Call {@code f0( java.math.BigDecimal.ZERO )}.
     */
    public static String exponentialFunctions(int n) {
        StringBuilder drl = new StringBuilder("function java.math.BigDecimal f" + n
                + "( java.math.BigDecimal x ) { return x.add( java.math.BigDecimal.ONE ); }\n");
        for (int i = n - 1; i >= 0; i--) {
            drl.append("function java.math.BigDecimal f").append(i).append("( java.math.BigDecimal x ) { return f").append(i + 1)
                    .append("( x ).add( f").append(i + 1).append("( x.add( java.math.BigDecimal.ONE ) ) ); }\n");
        }
        return drl.toString();
    }

    /**
     * A declared fact that contains itself, printed in a consequence: its generated toString overflows
     * the stack through the JDK, where the recursion check sees no cycle.
     */
    public static final String STACK_OVERFLOW = """
            declare Node
                next : Node
            end
            rule "print a node that contains itself"
                ruleflow-group "scoring"
            when
            then
                Node n = new Node();
                n.setNext( n );
                String text = "node " + n;
            end
            """;
}
