-- Staff sessions of the browser workspace (/admin, README "Staff sessions"): a sign-in gives the
-- browser a random token in the HttpOnly cookie lf_session; only its sha256 is stored here, so a
-- copy of this table opens no session. Roles and the enabled flag are read from app_user at every
-- request (one join), except for a session opened through the OIDC provider, which keeps the
-- roles the provider gave at sign-in. Rows past expires_at are purged at sign-in.
-- Numbered 10.1: 8 is left to the work on issue 14, 10 to the other sessions of issue 10.
CREATE TABLE staff_session (
    token_sha256   CHAR(64)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL
        COMMENT 'lower-case hex sha256 of the session token; the token itself is never stored',
    username       VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    provider_roles VARCHAR(200) NULL
        COMMENT 'comma-separated roles from the OIDC provider at sign-in; NULL: the roles of app_user, read at every request',
    created_at     DATETIME(3)  NOT NULL,
    last_seen_at   DATETIME(3)  NOT NULL COMMENT 'written at most once a minute per session',
    expires_at     DATETIME(3)  NOT NULL COMMENT 'the earlier of last_seen_at + idle timeout and created_at + max age',
    PRIMARY KEY (token_sha256),
    KEY ix_staff_session_expires_at (expires_at),
    KEY ix_staff_session_username (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
