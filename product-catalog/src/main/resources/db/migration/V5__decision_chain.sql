-- The tamper-evident decision log (README, "Tamper-evident decision log"). A decision is written
-- with the sha256 of its own content (record_hash) and takes no lock but its own row. A single
-- sealer at a time (the one holding decision_chain_head FOR UPDATE) later gives unsealed rows
-- consecutive positions (seal_seq), links them into a hash chain (chain_hash) and closes each
-- batch with an HMAC-signed seal row. Rows from before this migration have no record_hash: the
-- sealer fills it in from their content when it seals them. InnoDB, utf8mb4 like V1.

ALTER TABLE decision
    ADD COLUMN record_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin
        COMMENT 'lower-case hex sha256 of every other column of the row (RecordHash), written with the decision',
    ADD COLUMN seal_seq    BIGINT
        COMMENT 'position in the sealed log, 1, 2, 3 … in sealing order; NULL until sealed',
    ADD COLUMN chain_hash  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin
        COMMENT 'lower-case hex sha256(chain_hash of seal_seq - 1, seal_seq, record_hash); NULL until sealed',
    ADD UNIQUE KEY uk_decision_seal_seq (seal_seq),
    -- the sealer asks for "seal_seq IS NULL ORDER BY decided_at, id": this index answers it without a sort
    ADD KEY ix_decision_unsealed (seal_seq, decided_at, id);

-- One row per sealed batch: the records first_seq..last_seq, chained from prev_head to head.
CREATE TABLE decision_seal (
    batch_no        BIGINT      NOT NULL COMMENT '1, 2, 3 … without gaps',
    first_seq       BIGINT      NOT NULL COMMENT 'seal_seq of the first record of the batch',
    last_seq        BIGINT      NOT NULL COMMENT 'seal_seq of the last record of the batch',
    record_count    INT         NOT NULL COMMENT 'last_seq - first_seq + 1',
    min_decided_at  DATETIME(3) NOT NULL COMMENT 'earliest decided_at (UTC) in the batch: lets verify pick batches by date',
    max_decided_at  DATETIME(3) NOT NULL COMMENT 'latest decided_at (UTC) in the batch',
    prev_head       CHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL
        COMMENT 'head of the previous batch (64 zeros for the first)',
    head            CHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'chain_hash of last_seq',
    mac             CHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL
        COMMENT 'hex HMAC-SHA256 with the seal key over every column above (LogSealer.macInput)',
    sealed_at       DATETIME(3) NOT NULL,
    PRIMARY KEY (batch_no),
    UNIQUE KEY uk_decision_seal_first_seq (first_seq),
    KEY ix_decision_seal_decided (max_decided_at, min_decided_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The end of the sealed log. Its single row is locked FOR UPDATE by the sealer for the length of
-- one batch, so that one sealer (one node of a cluster) seals at a time; decisions never touch it.
CREATE TABLE decision_chain_head (
    id         TINYINT     NOT NULL COMMENT 'always 1',
    batch_no   BIGINT      NOT NULL COMMENT 'the last sealed batch, 0 before the first',
    last_seq   BIGINT      NOT NULL COMMENT 'the last sealed seal_seq, 0 before the first',
    head       CHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'chain_hash of last_seq (64 zeros before the first)',
    updated_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO decision_chain_head (id, batch_no, last_seq, head, updated_at)
VALUES (1, 0, 0, '0000000000000000000000000000000000000000000000000000000000000000', UTC_TIMESTAMP(3));
