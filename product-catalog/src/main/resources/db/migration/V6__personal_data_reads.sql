-- Who saw personal data, and the indexes that decision search and export filter on.
-- InnoDB, utf8mb4 like V1.

-- Every read of decisions with personal data in them: an auditor's single-decision view, which
-- shows the full ID number and phone, and every export (masked, but a bulk copy of customer
-- records all the same). The row is written in the same transaction as the read; if it cannot
-- be written, the data is not shown.
CREATE TABLE personal_data_read (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    read_at      DATETIME(3)  NOT NULL,
    reader       VARCHAR(64)  NOT NULL COMMENT 'the authenticated user (principal name)',
    reader_roles VARCHAR(200) NOT NULL COMMENT 'comma-separated roles the reader held',
    purpose      VARCHAR(16)  NOT NULL COMMENT 'DECISION_VIEW (full values) or EXPORT (masked)',
    decision_id  CHAR(26)     COMMENT 'the decision viewed; null for an export',
    filter_json  TEXT         COMMENT 'an export''s format and filters as JSON',
    row_count    BIGINT       COMMENT 'how many decisions an export held',
    PRIMARY KEY (id),
    KEY ix_personal_data_read_at (read_at),
    KEY ix_personal_data_read_decision (decision_id, read_at),
    KEY ix_personal_data_read_reader (reader, read_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Decision search: by channel within a date range, newest first; and by requestId across channels
-- (uk_decision_channel_request_id serves it only when the channel is given too).
ALTER TABLE decision
    ADD KEY ix_decision_channel_decided (channel, decided_at),
    ADD KEY ix_decision_request_id (request_id);
