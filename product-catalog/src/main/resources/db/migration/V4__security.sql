-- Staff users and channel API keys; decisions keyed per channel. InnoDB, utf8mb4 like V1.

-- Staff who log in with HTTP Basic (the embedded default; production may use OIDC instead).
-- Usernames are lower-case and compared byte for byte, so "Admin" cannot pass for "admin".
CREATE TABLE app_user (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    username      VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    password_hash VARCHAR(100) NOT NULL COMMENT 'bcrypt in modular crypt format: $2a$<cost>$<salt><hash>',
    roles         VARCHAR(200) NOT NULL COMMENT 'comma-separated: PRODUCT_MANAGER, APPROVER, AUDITOR, ADMIN',
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    DATETIME(3)  NOT NULL,
    created_by    VARCHAR(64)  NOT NULL,
    updated_at    DATETIME(3),
    updated_by    VARCHAR(64)  COMMENT 'who last changed the roles or enabled flag',
    PRIMARY KEY (id),
    UNIQUE KEY uk_app_user_username (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- API keys of channel apps (X-Api-Key). Only a sha256 of a key is stored: the key is shown once,
-- when it is created, and cannot be recovered from the database.
CREATE TABLE channel_key (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    channel    VARCHAR(32) NOT NULL COMMENT 'channel code, e.g. MOBILE_APP',
    key_sha256 CHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'lower-case hex sha256 of the key',
    key_prefix VARCHAR(16) NOT NULL COMMENT 'first characters of the key, to recognise it in lists',
    created_at DATETIME(3) NOT NULL,
    created_by VARCHAR(64) NOT NULL,
    revoked_at DATETIME(3),
    revoked_by VARCHAR(64),
    PRIMARY KEY (id),
    UNIQUE KEY uk_channel_key_sha256 (key_sha256),
    KEY ix_channel_key_channel (channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A requestId is the idempotency key of one channel: two channels may use the same one. The
-- column channel now holds the authenticated channel (the key's), not the body's free-text
-- channel field, which stays in request_json. Decisions stored before channels authenticated
-- were made by nobody we can name: they go to 'unauthenticated', which no channel code can be
-- (codes are upper case), so only auditors can read them.
UPDATE decision SET channel = 'unauthenticated';
ALTER TABLE decision
    MODIFY channel VARCHAR(32) NOT NULL COMMENT 'the authenticated channel (API key) that asked for the decision',
    DROP INDEX uk_decision_request_id,
    ADD UNIQUE KEY uk_decision_channel_request_id (channel, request_id);
