package cn.ruralcredit.loanfactory.catalog.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A staff user who logs in with a password; the password is kept only as a bcrypt hash. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, unique = true, length = 64)
    public String username;
    /** bcrypt in modular crypt format ({@code $2a$<cost>$...}). */
    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;
    /** Comma-separated role names. */
    @Column(nullable = false)
    public String roles;
    @Column(nullable = false)
    public boolean enabled;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    /** A new enabled user, persisted. */
    public static AppUser create(String username, String passwordHash, Collection<String> roles, String createdBy) {
        AppUser user = new AppUser();
        user.username = username;
        user.passwordHash = passwordHash;
        user.roles = String.join(",", roles);
        user.enabled = true;
        user.createdAt = Instant.now();
        user.createdBy = createdBy;
        user.persist();
        return user;
    }

    public List<String> roleList() {
        return roles.isBlank() ? List.of() : Arrays.asList(roles.split(","));
    }

    public void changeRoles(Collection<String> newRoles, String by) {
        roles = String.join(",", newRoles);
        touched(by);
    }

    public void changeEnabled(boolean newEnabled, String by) {
        enabled = newEnabled;
        touched(by);
    }

    private void touched(String by) {
        updatedAt = Instant.now();
        updatedBy = by;
    }

    public static Optional<AppUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public static List<AppUser> listByUsername() {
        return list("order by username");
    }
}
