package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.catalog.batch.BatchRow;
import cn.ruralcredit.loanfactory.catalog.decision.Decision;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Plain JDBC for what batches write in bulk: decisions and row results as one batched insert per
 * chunk (Hibernate would flush them one by one), and the uploaded file in chunks of 1 MiB. Call
 * within a transaction: the connection is the transaction's.
 */
@ApplicationScoped
public class BatchStore {
    static final int FILE_CHUNK = 1024 * 1024;
    private static final String INSERT_DECISION = "INSERT INTO decision (id, request_id, request_hash, product_code, "
            + "rule_set_version, rule_set_sha256, engine_version, as_of_date, lpr_pct, outcome, credit_limit, annual_rate_pct, "
            + "channel, request_json, response_json, fired_rules, decided_at, record_hash) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_ROW = "INSERT INTO batch_row (batch_id, row_no, status, applicant_name, id_number, "
            + "product_code, outcome, tier_code, tier_label, credit_limit, annual_rate_pct, guarantee, reasons, reasons_zh, "
            + "decision_id, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    AgroalDataSource dataSource;

    /** Inserts {@code decisions} in one batch; their record hashes must be set. */
    public void insertDecisions(List<Decision> decisions) {
        if (decisions.isEmpty()) return;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_DECISION)) {
            for (Decision d : decisions) {
                int i = 1;
                ps.setString(i++, d.id);
                ps.setString(i++, d.requestId);
                ps.setString(i++, d.requestHash);
                ps.setString(i++, d.productCode);
                ps.setInt(i++, d.ruleSetVersion);
                ps.setString(i++, d.ruleSetSha256);
                ps.setString(i++, d.engineVersion);
                ps.setObject(i++, d.asOfDate);
                ps.setBigDecimal(i++, d.lprPct);
                ps.setString(i++, d.outcome);
                ps.setBigDecimal(i++, d.creditLimit);
                ps.setBigDecimal(i++, d.annualRatePct);
                ps.setString(i++, d.channel);
                ps.setString(i++, d.requestJson);
                ps.setString(i++, d.responseJson);
                ps.setString(i++, d.firedRules);
                ps.setObject(i++, LocalDateTime.ofInstant(d.decidedAt, ZoneOffset.UTC));
                ps.setString(i, d.recordHash);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a chunk of batch decisions: " + e.getMessage(), e);
        }
    }

    public void insertRows(List<BatchRow> rows) {
        if (rows.isEmpty()) return;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_ROW)) {
            for (BatchRow r : rows) {
                int i = 1;
                ps.setString(i++, r.batchId);
                ps.setInt(i++, r.rowNo);
                ps.setString(i++, r.status);
                ps.setString(i++, r.applicantName);
                ps.setString(i++, r.idNumber);
                ps.setString(i++, r.productCode);
                ps.setString(i++, r.outcome);
                ps.setString(i++, r.tierCode);
                ps.setString(i++, r.tierLabel);
                ps.setBigDecimal(i++, r.creditLimit);
                ps.setBigDecimal(i++, r.annualRatePct);
                ps.setString(i++, r.guarantee);
                ps.setString(i++, r.reasons);
                ps.setString(i++, r.reasonsZh);
                ps.setString(i++, r.decisionId);
                if (r.errors == null) ps.setNull(i, Types.VARCHAR); else ps.setString(i, r.errors);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a chunk of batch rows: " + e.getMessage(), e);
        }
    }

    /** Stores {@code file} as the batch's chunks; returns how many. */
    public int storeFile(String batchId, Path file) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO batch_file_chunk (batch_id, seq, data) VALUES (?, ?, ?)");
             InputStream in = Files.newInputStream(file)) {
            int seq = 0;
            byte[] buffer = new byte[FILE_CHUNK];
            while (true) {
                int n = in.readNBytes(buffer, 0, FILE_CHUNK);
                if (n <= 0) break;
                ps.setString(1, batchId);
                ps.setInt(2, seq++);
                ps.setBytes(3, n == FILE_CHUNK ? buffer : java.util.Arrays.copyOf(buffer, n));
                ps.executeUpdate();
                if (n < FILE_CHUNK) break;
            }
            return seq;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not store the uploaded file: " + e.getMessage(), e);
        }
    }

    /** One stored chunk of a batch's file, or null after the last. */
    public byte[] fileChunk(String batchId, int seq) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT data FROM batch_file_chunk WHERE batch_id = ? AND seq = ?")) {
            ps.setString(1, batchId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the batch file: " + e.getMessage(), e);
        }
    }

    /** Copies the batch's file to {@code target}, one chunk per short transaction. */
    public void copyFile(String batchId, Path target, java.util.function.IntFunction<byte[]> chunkReader) {
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int seq = 0; ; seq++) {
                byte[] chunk = chunkReader.apply(seq);
                if (chunk == null) break;
                out.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
