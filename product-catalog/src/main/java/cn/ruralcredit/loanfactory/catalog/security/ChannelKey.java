package cn.ruralcredit.loanfactory.catalog.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The API key of a channel app. Only the key's sha256 is stored, with a short prefix so that
 * people can tell keys apart in a list; the key itself is shown once, when it is created.
 */
@Entity
@Table(name = "channel_key")
public class ChannelKey extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, length = 32)
    public String channel;
    @Column(name = "key_sha256", nullable = false, unique = true, length = 64)
    public String keySha256;
    @Column(name = "key_prefix", nullable = false, length = 16)
    public String keyPrefix;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "revoked_by")
    public String revokedBy;

    /** A new active key, persisted. */
    public static ChannelKey create(String channel, String keySha256, String keyPrefix, String createdBy) {
        ChannelKey key = new ChannelKey();
        key.channel = channel;
        key.keySha256 = keySha256;
        key.keyPrefix = keyPrefix;
        key.createdAt = Instant.now();
        key.createdBy = createdBy;
        key.persist();
        return key;
    }

    public boolean active() {
        return revokedAt == null;
    }

    /** Revokes the key; a key already revoked keeps its first revocation. */
    public void revoke(String by) {
        if (!active()) return;
        revokedAt = Instant.now();
        revokedBy = by;
    }

    public static Optional<ChannelKey> findBySha256(String keySha256) {
        return find("keySha256", keySha256).firstResultOptional();
    }

    public static List<ChannelKey> listByCreation() {
        return list("order by id");
    }
}
