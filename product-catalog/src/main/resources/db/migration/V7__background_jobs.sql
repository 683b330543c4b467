-- Background jobs over stored decisions: replay campaigns (auditors) and impact simulations of a
-- candidate rule set version (product managers, approvers). InnoDB, utf8mb4 like V1.
--
-- A job walks its decisions in id order (ULIDs: creation order) in chunks. Each chunk's items and
-- the job's cursor and counters are written in ONE transaction, so a job stopped at any point (a
-- restart, a crash) resumes after the last committed chunk: no decision is lost or counted twice.

CREATE TABLE background_job (
    id              CHAR(26)      NOT NULL COMMENT 'ULID',
    kind            VARCHAR(24)   NOT NULL COMMENT 'REPLAY_CAMPAIGN or SIMULATION',
    status          VARCHAR(16)   NOT NULL COMMENT 'QUEUED, RUNNING, DONE, FAILED',
    product_code    VARCHAR(32)   NOT NULL,
    version         INT           COMMENT 'SIMULATION: the candidate version',
    rule_set_sha256 CHAR(64)      COMMENT 'SIMULATION: the candidate content simulated',
    from_date       DATE          NOT NULL COMMENT 'decisions decided on or after this day (Asia/Shanghai)',
    to_date         DATE          NOT NULL COMMENT 'decisions decided on or before this day (Asia/Shanghai)',
    window_end      DATETIME(3)   NOT NULL COMMENT 'the snapshot: only decisions decided before the job was created',
    total           INT           NOT NULL COMMENT 'decisions in the snapshot when the job was created',
    done            INT           NOT NULL DEFAULT 0,
    matched         INT           NOT NULL DEFAULT 0 COMMENT 'REPLAY: same output; SIMULATION: unchanged decision',
    mismatched      INT           NOT NULL DEFAULT 0 COMMENT 'REPLAY: different output; SIMULATION: changed decision',
    failed          INT           NOT NULL DEFAULT 0 COMMENT 'decisions that could not be evaluated (a rule fault)',
    cursor_id       CHAR(26)      COMMENT 'the last decision of the last committed chunk',
    run_millis      BIGINT        NOT NULL DEFAULT 0 COMMENT 'time spent processing, summed over runs',
    owner           VARCHAR(100)  COMMENT 'the node running it',
    heartbeat_at    DATETIME(3)   COMMENT 'last chunk committed by the owner; a stale one lets another node take over',
    error           VARCHAR(2000),
    report          LONGTEXT      COMMENT 'SIMULATION: the report JSON, written when done',
    created_by      VARCHAR(64)   NOT NULL,
    created_at      DATETIME(3)   NOT NULL,
    started_at      DATETIME(3),
    finished_at     DATETIME(3),
    PRIMARY KEY (id),
    KEY ix_background_job_status (status, created_at),
    KEY ix_background_job_version (product_code, kind, version, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per decision a job processed: the before/after summary and, when they differ, how.
CREATE TABLE background_job_item (
    job_id          CHAR(26)      NOT NULL,
    decision_id     CHAR(26)      NOT NULL,
    result          VARCHAR(16)   NOT NULL COMMENT 'SAME, CHANGED or ERROR',
    outcome_before  VARCHAR(16)   NOT NULL,
    outcome_after   VARCHAR(16)   COMMENT 'null when the evaluation failed',
    limit_before    DECIMAL(19, 2) NOT NULL,
    limit_after     DECIMAL(19, 2),
    rate_before     DECIMAL(6, 2),
    rate_after      DECIMAL(6, 2),
    reasons_before  VARCHAR(1000) NOT NULL COMMENT 'reason codes, comma-separated',
    reasons_after   VARCHAR(1000),
    differences     LONGTEXT      COMMENT 'JSON [{field, original, replayed}] when CHANGED; the error when ERROR',
    PRIMARY KEY (job_id, decision_id),
    KEY ix_background_job_item_result (job_id, result),
    CONSTRAINT fk_background_job_item_job FOREIGN KEY (job_id) REFERENCES background_job (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- jobs read a product's decisions in id order
CREATE INDEX ix_decision_product_id ON decision (product_code, id);
