package cn.ruralcredit.loanfactory.decision.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who is calling: the name lifecycle events and versions record as actor, author and approver. */
@ApplicationScoped
public class CurrentUser {
    @Inject
    SecurityIdentity identity;

    public String name() {
        if (identity.isAnonymous()) throw new IllegalStateException("no authenticated user on a protected call");
        return identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
