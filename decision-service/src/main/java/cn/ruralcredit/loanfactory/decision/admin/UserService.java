package cn.ruralcredit.loanfactory.decision.admin;

import cn.ruralcredit.loanfactory.catalog.security.AppUser;
import cn.ruralcredit.loanfactory.decision.platform.Causes;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.security.PasswordPolicy;
import cn.ruralcredit.loanfactory.decision.security.Passwords;
import cn.ruralcredit.loanfactory.decision.security.Roles;
import cn.ruralcredit.loanfactory.decision.security.StaffIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Staff users of the service's own user store (the embedded default; with OIDC, users live in
 * the provider). An admin may not disable their own account or drop their own ADMIN role, so
 * that the last admin cannot lock everyone out by mistake.
 */
@ApplicationScoped
@Transactional
public class UserService {
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,63}");

    @Inject
    Passwords passwords;
    @Inject
    SecurityIdentity identity;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UserView> list() {
        return AppUser.listByUsername().stream().map(UserView::of).toList();
    }

    public UserView create(NewUser user) {
        if (user == null) throw FieldErrors.missingBody();
        FieldErrors errors = new FieldErrors();
        if (user.username() != null && !user.username().equals(user.username().strip())) {
            errors.add("username", "must not begin or end with spaces");
        } else {
            errors.check(user.username() != null && USERNAME.matcher(user.username()).matches(), "username",
                    "must be 3 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        for (String problem : PasswordPolicy.problemsOfNew(user.password())) errors.add("password", problem);
        List<String> roles = staffRoles(user.roles(), errors);
        errors.throwIfAny();
        if (AppUser.findByUsername(user.username()).isPresent()) throw taken(user.username());
        try {
            AppUser created = AppUser.create(user.username(), passwords.hash(user.password()), roles, caller());
            AppUser.getEntityManager().flush();
            return UserView.of(created);
        } catch (PersistenceException e) {
            if (Causes.isDuplicateKey(e)) throw taken(user.username());
            throw e;
        }
    }

    public UserView changeRoles(String username, RolesChange change) {
        if (change == null) throw FieldErrors.missingBody();
        FieldErrors errors = new FieldErrors();
        List<String> roles = staffRoles(change.roles(), errors);
        errors.throwIfAny();
        AppUser user = existing(username);
        if (isCaller(user) && !roles.contains(Roles.ADMIN)) {
            throw ProblemException.conflict("an admin cannot remove their own ADMIN role; another admin can");
        }
        user.changeRoles(roles, caller());
        return UserView.of(user);
    }

    public UserView disable(String username) {
        AppUser user = existing(username);
        if (isCaller(user)) throw ProblemException.conflict("an admin cannot disable their own account; another admin can");
        if (user.enabled) user.changeEnabled(false, caller());
        return UserView.of(user);
    }

    public UserView enable(String username) {
        AppUser user = existing(username);
        if (!user.enabled) user.changeEnabled(true, caller());
        return UserView.of(user);
    }

    /** The roles in their canonical order, each once; records an error unless they are one or more staff roles. */
    private static List<String> staffRoles(List<String> requested, FieldErrors errors) {
        if (!errors.check(requested != null && !requested.isEmpty(), "roles", "must name at least one role")) return List.of();
        for (int i = 0; i < requested.size(); i++) {
            errors.check(StaffIdentityProvider.STAFF_ROLES.contains(requested.get(i)), "roles[" + i + "]",
                    "must be one of " + String.join(", ", StaffIdentityProvider.STAFF_ROLES));
        }
        return StaffIdentityProvider.STAFF_ROLES.stream().filter(requested::contains).toList();
    }

    private static AppUser existing(String username) {
        return AppUser.findByUsername(username).orElseThrow(() -> ProblemException.notFound("no user " + username));
    }

    private static ProblemException taken(String username) {
        return ProblemException.conflict("user " + username + " already exists");
    }

    private boolean isCaller(AppUser user) {
        return user.username.equals(caller());
    }

    private String caller() {
        return identity.getPrincipal().getName();
    }
}
