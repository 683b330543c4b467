-- 整村授信 batch rating and 动态调整 re-rating (issue 13). InnoDB, utf8mb4 like V1.
--
-- A batch job decides every row of an uploaded file. The file is kept here, in chunks, so that any
-- node can resume the job after a restart. The job walks the rows in file order in chunks: each
-- chunk's decisions, its rows' results and the job's cursor and counters are written in ONE
-- transaction, so a stop at any point loses or doubles no row.
-- A re-rating job re-evaluates the current lines of a product; its report is a line per current
-- line. Applying it (another person) stores each re-rated line as a new decision that revises it.

CREATE TABLE batch_job (
    id              CHAR(26)      NOT NULL COMMENT 'ULID',
    kind            VARCHAR(16)   NOT NULL COMMENT 'BATCH or RERATING',
    status          VARCHAR(16)   NOT NULL COMMENT 'QUEUED, RUNNING, DONE, FAILED; a re-rating then APPLYING, APPLIED',
    mode            VARCHAR(16)   NOT NULL COMMENT 'BATCH: PRODUCT or BEST_OFFER; RERATING: RERATING',
    product_code    VARCHAR(32)   COMMENT 'null for BEST_OFFER',
    label           VARCHAR(200)  COMMENT 'e.g. the village',
    as_of_date      DATE          NOT NULL COMMENT 'the evaluation date of rows without their own asOfDate',
    file_name       VARCHAR(255),
    file_format     VARCHAR(8)    COMMENT 'CSV or XLSX',
    file_charset    VARCHAR(16)   COMMENT 'CSV: UTF-8 or GB18030',
    file_sha256     CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin,
    file_bytes      BIGINT,
    columns_json    LONGTEXT      COMMENT 'the file header mapped to API field paths',
    version         INT           COMMENT 'RERATING: the version re-rated with',
    rule_set_sha256 CHAR(64)      COMMENT 'RERATING: its content',
    lpr_pct         DECIMAL(6, 2) COMMENT 'RERATING: the LPR on as_of_date',
    from_date       DATE          COMMENT 'RERATING: original decisions decided on or after',
    to_date         DATE          COMMENT 'RERATING: original decisions decided on or before',
    total           INT           NOT NULL DEFAULT 0,
    done            INT           NOT NULL DEFAULT 0,
    failed_rows     INT           NOT NULL DEFAULT 0 COMMENT 'BATCH: rows refused by validation (or the rules)',
    approved        INT           NOT NULL DEFAULT 0,
    declined        INT           NOT NULL DEFAULT 0,
    referred        INT           NOT NULL DEFAULT 0,
    cursor_row      INT           NOT NULL DEFAULT 0 COMMENT 'BATCH: the last row of the last committed chunk; RERATING: lines',
    run_millis      BIGINT        NOT NULL DEFAULT 0,
    owner           VARCHAR(100),
    heartbeat_at    DATETIME(3),
    error           VARCHAR(2000),
    report          LONGTEXT      COMMENT 'the summary JSON, written when done',
    created_by      VARCHAR(64)   NOT NULL,
    created_at      DATETIME(3)   NOT NULL,
    started_at      DATETIME(3),
    finished_at     DATETIME(3),
    applied_by      VARCHAR(64),
    applied_at      DATETIME(3),
    PRIMARY KEY (id),
    KEY ix_batch_job_status (status, created_at),
    KEY ix_batch_job_creator (created_by, kind, created_at),
    KEY ix_batch_job_file (file_sha256, mode, product_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- the uploaded file, as sent, in chunks of at most 1 MiB
CREATE TABLE batch_file_chunk (
    batch_id CHAR(26)  NOT NULL,
    seq      INT       NOT NULL,
    data     LONGBLOB  NOT NULL,
    PRIMARY KEY (batch_id, seq),
    CONSTRAINT fk_batch_file_chunk_job FOREIGN KEY (batch_id) REFERENCES batch_job (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- one row per input row: its result, or its errors
CREATE TABLE batch_row (
    batch_id        CHAR(26)       NOT NULL,
    row_no          INT            NOT NULL COMMENT 'the row as a spreadsheet numbers it: the header is row 1',
    status          VARCHAR(8)     NOT NULL COMMENT 'OK or ERROR',
    applicant_name  VARCHAR(200),
    id_number       VARCHAR(32)    COMMENT 'masked: first 6, ********, last 4',
    product_code    VARCHAR(32),
    outcome         VARCHAR(16),
    tier_code       VARCHAR(32),
    tier_label      VARCHAR(64),
    credit_limit    DECIMAL(19, 2),
    annual_rate_pct DECIMAL(6, 2),
    guarantee       VARCHAR(200)   COMMENT 'securedBy, or what the line needs',
    reasons         VARCHAR(1000)  COMMENT 'reason codes, comma-separated',
    reasons_zh      VARCHAR(2000)  COMMENT 'their Chinese messages, separated by ；',
    decision_id     CHAR(26),
    errors          LONGTEXT       COMMENT 'JSON [{row, column, field, message}] when ERROR',
    PRIMARY KEY (batch_id, row_no),
    KEY ix_batch_row_status (batch_id, status, row_no),
    CONSTRAINT fk_batch_row_job FOREIGN KEY (batch_id) REFERENCES batch_job (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- one row per current line a re-rating re-evaluated
CREATE TABLE rerating_line (
    rerating_id      CHAR(26)       NOT NULL,
    line_no          INT            NOT NULL COMMENT '1, 2, … in the order of the revised decisions',
    decision_id      CHAR(26)       NOT NULL COMMENT 'the current line: the decision re-rated',
    applicant_name   VARCHAR(200),
    id_number        VARCHAR(32)    COMMENT 'masked',
    change_kind      VARCHAR(16)    NOT NULL COMMENT 'UP, DOWN, UNCHANGED, RATE_ONLY, WITHDRAWN or ERROR',
    outcome_before   VARCHAR(16)    NOT NULL,
    outcome_after    VARCHAR(16),
    tier_before      VARCHAR(32),
    tier_after       VARCHAR(32),
    limit_before     DECIMAL(19, 2) NOT NULL,
    limit_after      DECIMAL(19, 2),
    rate_before      DECIMAL(6, 2),
    rate_after       DECIMAL(6, 2),
    reasons_after    VARCHAR(1000),
    reasons_after_zh VARCHAR(2000),
    error            VARCHAR(2000),
    new_decision_id  CHAR(26)       COMMENT 'set when applied: the decision that revises decision_id',
    PRIMARY KEY (rerating_id, line_no),
    UNIQUE KEY uk_rerating_line_decision (rerating_id, decision_id),
    CONSTRAINT fk_rerating_line_job FOREIGN KEY (rerating_id) REFERENCES batch_job (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- which decision revises which: a revised line is no longer current
CREATE TABLE decision_revision (
    revised_decision_id CHAR(26) NOT NULL,
    decision_id         CHAR(26) NOT NULL COMMENT 'the new decision',
    rerating_id         CHAR(26) NOT NULL,
    PRIMARY KEY (revised_decision_id),
    UNIQUE KEY uk_decision_revision_new (decision_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
