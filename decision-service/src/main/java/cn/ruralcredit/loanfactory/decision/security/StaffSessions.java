package cn.ruralcredit.loanfactory.decision.security;

import cn.ruralcredit.loanfactory.catalog.security.AppUser;
import cn.ruralcredit.loanfactory.catalog.security.StaffSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Staff sessions of the browser workspace (README, "Staff sessions"). A session is a random
 * 256-bit token, given to the browser in the HttpOnly cookie {@value #COOKIE}; the table
 * {@code staff_session} holds only its sha256. Each request reads the session and its user in one
 * query (roles and the enabled flag of {@code app_user}, so that a disabled user or a change of
 * roles takes effect at the next request); a session ends after {@code idle-timeout} without use
 * or {@code max-age} after its sign-in. {@code last_seen_at} is written at most once a minute per
 * session. The CSRF token is derived from the session token ({@link #csrfToken}), so that it is
 * checked on the event loop without reading the table. Blocking: call on a worker thread.
 */
@ApplicationScoped
public class StaffSessions {
    private static final Logger LOG = Logger.getLogger(StaffSessions.class);
    public static final String COOKIE = "lf_session";
    /** The identity attribute holding the session token of an identity that came from a session. */
    public static final String TOKEN_ATTRIBUTE = "loanfactory.session-token";
    /** {@code last_seen_at} is written when it is at least this old. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** 32 bytes in base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SessionConfig config;
    @Inject
    EntityManager em;

    /**
     * Why a session cannot be used, in words fit for the client: the cause of the
     * {@link AuthenticationFailedException} (a final class).
     */
    public static class Refused extends RuntimeException {
        public Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    static AuthenticationFailedException refused(String detail) {
        return new AuthenticationFailedException(detail, new Refused(detail));
    }

    /**
     * Opens a session for {@code username} and returns its token, the only copy there is.
     * {@code providerRoles}: the roles an OIDC provider gave, kept with the session; null for a
     * user of {@code app_user}, whose roles are read at every request. Expired sessions of
     * anyone are purged first.
     */
    public String open(String username, Collection<String> providerRoles) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            int purged = em.createQuery("delete from StaffSession where expiresAt < :now")
                    .setParameter("now", now).executeUpdate();
            if (purged > 0) LOG.debugf("purged %d expired staff sessions", purged);
            StaffSession session = new StaffSession();
            session.tokenSha256 = sha256Hex(token);
            session.username = username;
            session.providerRoles = providerRoles == null ? null : String.join(",", StaffLogin.staffRoles(providerRoles));
            session.createdAt = now;
            session.lastSeenAt = now;
            session.expiresAt = expiry(now, now);
            session.persist();
        });
        LOG.infof("staff session opened for %s", username);
        return token;
    }

    /**
     * The identity of the session with {@code token}: its user's name and staff roles, and the
     * token as attribute {@link #TOKEN_ATTRIBUTE}.
     *
     * @throws AuthenticationFailedException (cause {@link Refused}) when there is no such session, it has expired or its user is disabled or gone
     */
    public SecurityIdentity identityOf(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) throw refused(ENDED);
        String hash = sha256Hex(token);
        Instant now = Instant.now();
        Found found = QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createQuery("select s, u from StaffSession s left join AppUser u on u.username = s.username "
                    + "where s.tokenSha256 = :hash", Object[].class).setParameter("hash", hash).getResultList();
            if (rows.isEmpty()) return null;
            StaffSession s = (StaffSession) rows.get(0)[0];
            AppUser u = (AppUser) rows.get(0)[1];
            boolean expired = !now.isBefore(s.lastSeenAt.plus(config.idleTimeout())) || !now.isBefore(s.createdAt.plus(config.maxAge()));
            boolean providerSession = s.providerRoles != null;
            boolean userGone = !providerSession && (u == null || !u.enabled || !u.username.equals(s.username));
            if (expired || userGone) {
                em.createQuery("delete from StaffSession where tokenSha256 = :hash").setParameter("hash", hash).executeUpdate();
                return null;
            }
            if (Duration.between(s.lastSeenAt, now).compareTo(TOUCH_INTERVAL) >= 0) {
                em.createQuery("update StaffSession set lastSeenAt = :now, expiresAt = :expires where tokenSha256 = :hash")
                        .setParameter("now", now).setParameter("expires", expiry(s.createdAt, now))
                        .setParameter("hash", hash).executeUpdate();
            }
            return new Found(s.username, StaffLogin.staffRoles(providerSession ? s.providerRoleList() : u.roleList()));
        });
        if (found == null) throw refused(ENDED);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(found.username()))
                .addRoles(found.roles())
                .addAttribute(TOKEN_ATTRIBUTE, token)
                .build();
    }

    /** Ends the session with {@code token}, if there is one. */
    public void close(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) return;
        String hash = sha256Hex(token);
        int closed = QuarkusTransaction.requiringNew().call(() -> em.createQuery("delete from StaffSession where tokenSha256 = :hash")
                .setParameter("hash", hash).executeUpdate());
        if (closed > 0) LOG.infof("staff session closed");
    }

    /** Seconds a session may stay unused. */
    public long idleTimeoutSeconds() {
        return config.idleTimeout().toSeconds();
    }

    /** The {@code Set-Cookie} value that gives the browser {@code token}. */
    public String cookie(String token) {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (config.secureCookie() ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that removes the session cookie. */
    public String clearedCookie() {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (config.secureCookie() ? "; Secure" : "");
    }

    /**
     * The CSRF token of a session: base64url(sha256("csrf|" + session token)). Only a page that
     * was given it can send it: the session cookie is HttpOnly, and a hash does not reveal the token.
     */
    public static String csrfToken(String sessionToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(("csrf|" + sessionToken).getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    private Instant expiry(Instant created, Instant lastSeen) {
        Instant idle = lastSeen.plus(config.idleTimeout());
        Instant max = created.plus(config.maxAge());
        return idle.isBefore(max) ? idle : max;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static final String ENDED = "the staff session has ended or is not known: sign in again";

    private record Found(String username, Set<String> roles) {
    }
}
