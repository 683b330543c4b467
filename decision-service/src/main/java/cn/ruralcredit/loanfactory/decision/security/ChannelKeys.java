package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.catalog.security.ChannelKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Channel keys: how they are made, hashed and looked up. A key is {@code lf-} and 43 characters
 * of base64url (32 random bytes); the database holds only its sha256. Active keys found in the
 * database are kept in memory for {@link SecurityConfig#channelKeyCacheTtl()}; unknown keys are
 * never cached, so a flood of made-up keys cannot fill the memory.
 */
@ApplicationScoped
public class ChannelKeys {
    /** Channel codes: upper-case letters, digits and underscores, starting with a letter. */
    public static final Pattern CHANNEL_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final String KEY_START = "lf-";
    private static final int RANDOM_BYTES = 32;
    private static final int DISPLAY_PREFIX_LENGTH = 11;
    private static final int LONGEST_KEY = 256;

    @Inject
    SecurityConfig config;

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped by every {@link #forget}: a lookup that overlapped a revocation does not cache what it read. */
    private final AtomicLong generation = new AtomicLong();

    private record Cached(String channel, long expiresAtNanos) {
    }

    /** The channel of an active key; empty for an unknown or revoked one. May read the database: call off the IO thread. */
    public Optional<String> channelOf(String key) {
        if (key == null || key.isEmpty() || key.length() > LONGEST_KEY) return Optional.empty();
        String sha256 = sha256(key);
        long now = System.nanoTime();
        Cached cached = cache.get(sha256);
        if (cached != null && now - cached.expiresAtNanos() < 0) return Optional.of(cached.channel());

        long generationBefore = generation.get();
        Optional<String> channel = QuarkusTransaction.requiringNew().call(() -> ChannelKey.findBySha256(sha256)
                .filter(ChannelKey::active)
                .map(k -> k.channel));
        if (channel.isPresent() && generation.get() == generationBefore) {
            cache.put(sha256, new Cached(channel.get(), now + config.channelKeyCacheTtl().toNanos()));
        } else {
            cache.remove(sha256);
        }
        return channel;
    }

    /** Drops a key from the cache: call after creating or revoking it. */
    public void forget(String keySha256) {
        generation.incrementAndGet();
        cache.remove(keySha256);
    }

    /** A new random key (SecureRandom, 256 bits). */
    public String newKey() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return KEY_START + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case hex sha256 of the key's UTF-8 bytes: what the database stores. */
    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The first characters of a key, enough to tell keys apart in a list, far too few to use one. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, key.length()));
    }
}
