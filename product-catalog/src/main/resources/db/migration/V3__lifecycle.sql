-- The product factory: governed rule set versions, their lifecycle history, each product's
-- editable scenario suite and the stored test runs of versions against it.

-- Version numbers are never reused, even when the highest draft is deleted: the product counts them.
ALTER TABLE product
    ADD COLUMN last_version INT         NOT NULL DEFAULT 0 COMMENT 'highest version number ever given',
    ADD COLUMN created_by   VARCHAR(64) NOT NULL DEFAULT 'seed';
UPDATE product p SET last_version = (SELECT COALESCE(MAX(v.version), 0) FROM rule_set_version v WHERE v.product_id = p.id);

ALTER TABLE rule_set_version
    ADD COLUMN based_on     VARCHAR(64)   COMMENT 'PRODUCT:version this one was copied from',
    ADD COLUMN note         VARCHAR(1000) COMMENT 'what the version changes, by its author',
    ADD COLUMN submitted_at DATETIME(3),
    ADD COLUMN approved_at  DATETIME(3),
    ADD COLUMN retired_at   DATETIME(3);

-- Every lifecycle event of every version, kept when a draft is deleted (so keyed by number, not by row).
CREATE TABLE version_event (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    product_id  BIGINT        NOT NULL,
    version     INT           NOT NULL,
    event       VARCHAR(24)   NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    occurred_at DATETIME(3)   NOT NULL,
    comment     VARCHAR(2000),
    details     TEXT          COMMENT 'JSON: sha256s, effectiveFrom, test run counts…',
    PRIMARY KEY (id),
    KEY ix_version_event (product_id, version, id),
    CONSTRAINT fk_version_event_product FOREIGN KEY (product_id) REFERENCES product (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A product's scenario suite: one case per row, in the scenario file format of rule-tests.
CREATE TABLE scenario (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    product_id   BIGINT       NOT NULL,
    name         VARCHAR(200) NOT NULL,
    case_json    MEDIUMTEXT   NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    updated_at   DATETIME(3)  NOT NULL,
    updated_by   VARCHAR(64)  NOT NULL,
    lock_version BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_scenario (product_id, name),
    CONSTRAINT fk_scenario_product FOREIGN KEY (product_id) REFERENCES product (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A run of a version's content against the product's suite as it was then.
CREATE TABLE test_run (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    version_id      BIGINT      NOT NULL,
    rule_set_sha256 CHAR(64)    NOT NULL,
    suite_sha256    CHAR(64)    NOT NULL COMMENT 'sha256 of the suite cases run',
    ran_at          DATETIME(3) NOT NULL,
    ran_by          VARCHAR(64) NOT NULL,
    total           INT         NOT NULL,
    passed          INT         NOT NULL,
    failed          INT         NOT NULL,
    PRIMARY KEY (id),
    KEY ix_test_run_version (version_id, id),
    CONSTRAINT fk_test_run_version FOREIGN KEY (version_id) REFERENCES rule_set_version (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE test_case_result (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    run_id        BIGINT       NOT NULL,
    scenario_name VARCHAR(200) NOT NULL,
    passed        BOOLEAN      NOT NULL,
    differences   TEXT         NOT NULL COMMENT 'JSON array of {field, expected, actual}',
    fired_rules   TEXT         NOT NULL COMMENT 'JSON array of rule names in firing order',
    PRIMARY KEY (id),
    KEY ix_test_case_result_run (run_id, id),
    CONSTRAINT fk_test_case_result_run FOREIGN KEY (run_id) REFERENCES test_run (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
