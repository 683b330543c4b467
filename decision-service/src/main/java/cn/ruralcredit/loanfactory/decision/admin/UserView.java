package cn.ruralcredit.loanfactory.decision.admin;

import cn.ruralcredit.loanfactory.catalog.security.AppUser;

import java.time.Instant;
import java.util.List;

/** A staff user as the admin API shows it: never the password or its hash. */
public record UserView(String username, List<String> roles, boolean enabled, Instant createdAt, String createdBy,
                       Instant updatedAt, String updatedBy) {

    static UserView of(AppUser u) {
        return new UserView(u.username, u.roleList(), u.enabled, u.createdAt, u.createdBy, u.updatedAt, u.updatedBy);
    }
}
