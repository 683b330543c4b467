package cn.ruralcredit.loanfactory.catalog.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A staff session of the browser workspace. The session token is known only to the browser (an
 * HttpOnly cookie); this row holds its sha256.
 */
@Entity
@Table(name = "staff_session")
public class StaffSession extends PanacheEntityBase {
    /** Lower-case hex sha256 of the token. */
    @Id
    @Column(name = "token_sha256", length = 64)
    public String tokenSha256;
    @Column(nullable = false, length = 64)
    public String username;
    /** Roles the OIDC provider gave at sign-in, comma-separated; null for a user of app_user. */
    @Column(name = "provider_roles")
    public String providerRoles;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    public List<String> providerRoleList() {
        return providerRoles == null || providerRoles.isBlank() ? List.of() : Arrays.asList(providerRoles.split(","));
    }
}
