package cn.ruralcredit.loanfactory.rules.engine;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * An immutable compiled rule set: one KieBase per rule set content, shared by all evaluations,
 * and a pool of its sessions, made at the first evaluation (a rule set that is only validated
 * never has one). A pooled session is reset when an evaluation disposes it (its facts, agenda and
 * activations cleared) and handed to the next evaluation, which saves building a new session, with
 * its node memories, for every decision (DecisionEngine).
 */
public record CompiledRuleSet(String sha256, KieBase kieBase, Sessions sessions) {

    public CompiledRuleSet(String sha256, KieBase kieBase) {
        this(sha256, kieBase, new Sessions(kieBase));
    }

    /** The session pool of one KieBase, made when first asked for. */
    public static final class Sessions {
        private final KieBase kieBase;
        private volatile KieSessionsPool pool;

        Sessions(KieBase kieBase) {
            this.kieBase = kieBase;
        }

        /** A session of the pool; {@code dispose()} resets it and returns it, {@code destroy()} drops it. */
        public KieSession newKieSession() {
            KieSessionsPool p = pool;
            if (p == null) {
                synchronized (this) {
                    p = pool;
                    if (p == null) pool = p = kieBase.newKieSessionsPool(1);
                }
            }
            return p.newKieSession();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sessions s && s.kieBase == kieBase;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(kieBase);
        }
    }
}
