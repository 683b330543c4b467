-- Products, rule set versions, market rates and decisions. InnoDB, utf8mb4 throughout:
-- product names, customer names and reason messages are Chinese.

CREATE TABLE product (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    code        VARCHAR(32)  NOT NULL,
    name_zh     VARCHAR(100) NOT NULL,
    name_en     VARCHAR(100) NOT NULL,
    segments    VARCHAR(500) NOT NULL COMMENT 'comma-separated segment codes',
    description VARCHAR(1000),
    status      VARCHAR(16)  NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_product_code (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE rule_set_version (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    product_id     BIGINT      NOT NULL,
    version        INT         NOT NULL,
    status         VARCHAR(16) NOT NULL,
    sha256         CHAR(64)    NOT NULL COMMENT 'sha256 of the content, see RuleSetSource',
    effective_from DATE,
    author         VARCHAR(64) NOT NULL,
    approver       VARCHAR(64),
    created_at     DATETIME(3) NOT NULL,
    updated_at     DATETIME(3) NOT NULL,
    published_at   DATETIME(3),
    lock_version   BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_rule_set_version (product_id, version),
    KEY ix_rule_set_version_in_force (product_id, status, effective_from),
    CONSTRAINT fk_rule_set_version_product FOREIGN KEY (product_id) REFERENCES product (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE rule_set_file (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    version_id BIGINT       NOT NULL,
    path       VARCHAR(200) NOT NULL,
    content    MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_rule_set_file (version_id, path),
    CONSTRAINT fk_rule_set_file_version FOREIGN KEY (version_id) REFERENCES rule_set_version (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE market_rate (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    rate_type      VARCHAR(16)  NOT NULL COMMENT 'LPR_1Y: one-year loan prime rate',
    effective_from DATE         NOT NULL,
    rate_pct       DECIMAL(6, 2) NOT NULL,
    created_at     DATETIME(3)  NOT NULL,
    created_by     VARCHAR(64)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_market_rate (rate_type, effective_from)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE decision (
    id               CHAR(26)       NOT NULL COMMENT 'ULID',
    request_id       VARCHAR(64)    NOT NULL COMMENT 'the channel idempotency key',
    request_hash     CHAR(64)       NOT NULL COMMENT 'sha256 of the canonical request as received',
    product_code     VARCHAR(32)    NOT NULL,
    rule_set_version INT            NOT NULL,
    rule_set_sha256  CHAR(64)       NOT NULL,
    engine_version   VARCHAR(32)    NOT NULL,
    as_of_date       DATE           NOT NULL,
    lpr_pct          DECIMAL(6, 2)  NOT NULL,
    outcome          VARCHAR(16)    NOT NULL,
    credit_limit     DECIMAL(19, 2) NOT NULL,
    annual_rate_pct  DECIMAL(6, 2),
    channel          VARCHAR(32),
    request_json     LONGTEXT       NOT NULL COMMENT 'canonical request as evaluated (asOfDate filled in)',
    response_json    LONGTEXT       NOT NULL COMMENT 'the response exactly as returned',
    fired_rules      LONGTEXT       NOT NULL COMMENT 'JSON array of rule names in firing order',
    decided_at       DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_decision_request_id (request_id),
    KEY ix_decision_product_decided (product_code, decided_at),
    KEY ix_decision_decided (decided_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
