package cn.ruralcredit.loanfactory.decision.audit;

import cn.ruralcredit.loanfactory.decision.audit.VerificationReport.BrokenRecord;
import cn.ruralcredit.loanfactory.decision.audit.VerificationReport.BreakKind;
import cn.ruralcredit.loanfactory.decision.platform.QueryParams;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks the sealed decision log, record by record in sequence order, and names the first break.
 * At every record: its sequence number follows the previous one (else MISSING), its content gives
 * its record hash (else CONTENT_CHANGED), its chain hash follows from the previous record's (else
 * OUT_OF_ORDER). At every batch: the seal exists, carries a valid MAC, continues from the previous
 * seal, and its head is the chain hash of its last record (else SEAL_BROKEN). The whole log ends at
 * the head row's seal. Records and seals are read in pages, each page its own short read: sealed
 * rows never change legitimately, so no long transaction (or snapshot) is held.
 */
@ApplicationScoped
public class LogVerifier {
    static final int RECORD_PAGE = 500;
    static final int SEAL_PAGE = 1000;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LogSealer sealer;

    /**
     * Seals what is pending, then checks the batches covering {@code days} (of decidedAt in
     * Asia/Shanghai, inclusive; a null end is open) or, with neither end, the whole log.
     */
    public VerificationReport verify(QueryParams.DateRange days) {
        sealer.sealPending();
        try (Connection c = dataSource.getConnection()) {
            Head head = head(c);
            long firstBatch = 1;
            long lastBatch = head.batchNo();
            if (days.from() != null || days.to() != null) {
                long[] span = batchesCovering(c, days, head.batchNo());
                firstBatch = span[0];
                lastBatch = span[1];
            }
            Walk walk = new Walk(c, sealer.keys(), firstBatch, lastBatch);
            BrokenRecord broken = walk.run();
            if (broken == null && lastBatch == head.batchNo()) broken = head.check();
            return new VerificationReport(broken == null, days.from(), days.to(), walk.checked, walk.batches,
                    walk.firstSeq, walk.lastSeq, head.lastSeq(), unsealed(c), broken);
        } catch (SQLException e) {
            throw new IllegalStateException("the decision log could not be read", e);
        }
    }

    /** The head row and the seal it names, read together. */
    private record Head(long batchNo, long lastSeq, String hash, Long sealLastSeq, String sealHead) {
        BrokenRecord check() {
            if (batchNo == 0) return null;
            if (sealHead == null) {
                return new BrokenRecord(lastSeq, null, batchNo, BreakKind.SEAL_BROKEN,
                        "the head of the log names batch " + batchNo + ", which has no seal: the newest batch was removed");
            }
            if (!sealHead.equals(hash) || sealLastSeq != lastSeq) {
                return new BrokenRecord(lastSeq, null, batchNo, BreakKind.SEAL_BROKEN,
                        "the head of the log does not match the seal of batch " + batchNo + ": the head or the seal was changed");
            }
            return null;
        }
    }

    private static Head head(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT h.batch_no, h.last_seq, h.head, s.last_seq, s.head "
                     + "FROM decision_chain_head h LEFT JOIN decision_seal s ON s.batch_no = h.batch_no WHERE h.id = 1")) {
            if (!rs.next()) throw new IllegalStateException("decision_chain_head has no row");
            long sealLastSeq = rs.getLong(4);
            Long sealLast = rs.wasNull() ? null : sealLastSeq;
            return new Head(rs.getLong(1), rs.getLong(2), rs.getString(3), sealLast, rs.getString(5));
        }
    }

    /** The first and last batch whose records' decidedAt span meets the days asked for; {1, 0} if none. */
    private static long[] batchesCovering(Connection c, QueryParams.DateRange days, long lastBatch) throws SQLException {
        LocalDateTime start = days.from() == null ? LocalDateTime.of(1, 1, 1, 0, 0) : DecisionRows.utc(days.startInclusive());
        LocalDateTime end = days.to() == null ? LocalDateTime.of(9999, 12, 31, 0, 0) : DecisionRows.utc(days.endExclusive());
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(batch_no), MAX(batch_no) FROM decision_seal "
                + "WHERE max_decided_at >= ? AND min_decided_at < ? AND batch_no <= ?")) {
            s.setObject(1, start);
            s.setObject(2, end);
            s.setLong(3, lastBatch);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long first = rs.getLong(1);
                return rs.wasNull() ? new long[]{1, 0} : new long[]{first, rs.getLong(2)};
            }
        }
    }

    private static long unsealed(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM decision WHERE seal_seq IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One pass over batches firstBatch..lastBatch and their records. */
    private static final class Walk {
        private final Connection c;
        private final SealKeys keys;
        /** Whether a seal of the current key was met: an old key may not sign after it. */
        private boolean currentKeySeen;
        private final long firstBatch;
        private final long lastBatch;
        private final Deque<SealChain.Seal> seals = new ArrayDeque<>();
        private final Deque<DecisionRows.Row> rows = new ArrayDeque<>();
        private long nextSealToRead;
        private long nextSeqToRead;
        private long lastSeqToRead;
        long checked;
        long batches;
        Long firstSeq;
        Long lastSeq;

        Walk(Connection c, SealKeys keys, long firstBatch, long lastBatch) {
            this.c = c;
            this.keys = keys;
            this.firstBatch = firstBatch;
            this.lastBatch = lastBatch;
            this.nextSealToRead = firstBatch;
        }

        BrokenRecord run() throws SQLException {
            if (firstBatch > lastBatch) return null;
            String previous = SealChain.GENESIS;
            long expectedSeq = 1;
            if (firstBatch > 1) {
                SealChain.Seal before = seal(firstBatch - 1);
                String wrong = before == null ? "there is no seal for batch " + (firstBatch - 1) : macProblem(before);
                if (wrong != null) {
                    return new BrokenRecord(before == null ? 0 : before.lastSeq(), null, firstBatch - 1, BreakKind.SEAL_BROKEN, wrong);
                }
                previous = before.head();
                expectedSeq = before.lastSeq() + 1;
            }
            firstSeq = expectedSeq;
            lastSeq = last(lastBatch);
            nextSeqToRead = expectedSeq;
            // without the last seal the walk still reads on, to report the first break in order
            lastSeqToRead = lastSeq == null ? Long.MAX_VALUE : lastSeq;

            for (long batchNo = firstBatch; batchNo <= lastBatch; batchNo++) {
                SealChain.Seal seal = nextSeal();
                if (seal == null || seal.batchNo() != batchNo) {
                    return sealBroken(expectedSeq, batchNo, "there is no seal for batch " + batchNo);
                }
                String wrongMac = macProblem(seal);
                if (wrongMac != null) return sealBroken(expectedSeq, batchNo, wrongMac);
                if (!seal.prevHead().equals(previous) || seal.firstSeq() != expectedSeq
                        || seal.lastSeq() < seal.firstSeq() || seal.recordCount() != seal.lastSeq() - seal.firstSeq() + 1) {
                    return sealBroken(expectedSeq, batchNo, "the seal of batch " + batchNo
                            + " does not continue from the batch before it");
                }
                seals.pollFirst();
                batches++;
                String last = null;
                for (long seq = seal.firstSeq(); seq <= seal.lastSeq(); seq++) {
                    DecisionRows.Row row = peekRow();
                    if (row == null || row.sealSeq() != seq) {
                        return new BrokenRecord(seq, row == null ? null : row.decision().id, batchNo, BreakKind.MISSING,
                                "no record has this sequence number: a sealed decision was deleted or renumbered");
                    }
                    rows.pollFirst();
                    String id = row.decision().id;
                    if (!RecordHash.of(row.decision()).equals(row.decision().recordHash)) {
                        return new BrokenRecord(seq, id, batchNo, BreakKind.CONTENT_CHANGED,
                                "the stored content no longer matches its record hash");
                    }
                    String link = SealChain.link(previous, seq, row.decision().recordHash);
                    if (!link.equals(row.chainHash())) {
                        return new BrokenRecord(seq, id, batchNo, BreakKind.OUT_OF_ORDER,
                                "the record does not chain to the record before it: records were reordered or their "
                                        + "chain hashes rewritten");
                    }
                    previous = link;
                    last = id;
                    checked++;
                }
                if (!previous.equals(seal.head())) {
                    return new BrokenRecord(seal.lastSeq(), last, batchNo, BreakKind.SEAL_BROKEN, "the records of batch " + batchNo
                            + " no longer chain to the head of its seal: records and chain hashes were rewritten");
                }
                expectedSeq = seal.lastSeq() + 1;
            }
            return null;
        }

        /**
         * Why the seal's MAC does not hold, or null if it does: it must be the MAC of the key it
         * names, a key this service knows; and once the current key has signed, no old key may
         * sign again (an old key only verifies what it sealed before the rotation, so a leaked
         * old key cannot forge the log's newer batches).
         */
        private String macProblem(SealChain.Seal seal) {
            var verifier = keys.verifier(seal.keyId());
            if (verifier.isEmpty()) {
                return "the seal of batch " + seal.batchNo() + " names the key " + seal.keyId()
                        + ", which is neither the current seal key nor an old one: it was altered or forged";
            }
            if (!verifier.get().macMatches(seal)) {
                return "the seal of batch " + seal.batchNo() + " does not carry a valid MAC: it was altered or forged";
            }
            if (keys.isCurrent(seal.keyId())) {
                currentKeySeen = true;
            } else if (currentKeySeen) {
                return "the seal of batch " + seal.batchNo() + " is signed with the old key " + seal.keyId()
                        + " after batches signed with the current key " + keys.currentId()
                        + ": an old key only verifies what it sealed before the rotation";
            }
            return null;
        }

        private BrokenRecord sealBroken(long seq, long batchNo, String detail) throws SQLException {
            DecisionRows.Row row = peekRow();
            String id = row != null && row.sealSeq() == seq ? row.decision().id : null;
            return new BrokenRecord(seq, id, batchNo, BreakKind.SEAL_BROKEN, detail);
        }

        /** The last sequence number that batch {@code batchNo} claims, or null if it has no seal. */
        private Long last(long batchNo) throws SQLException {
            SealChain.Seal seal = seal(batchNo);
            return seal == null ? null : seal.lastSeq();
        }

        private SealChain.Seal nextSeal() throws SQLException {
            if (seals.isEmpty() && nextSealToRead <= lastBatch) {
                try (PreparedStatement s = c.prepareStatement(SEALS + "WHERE batch_no >= ? AND batch_no <= ? ORDER BY batch_no LIMIT ?")) {
                    s.setLong(1, nextSealToRead);
                    s.setLong(2, lastBatch);
                    s.setInt(3, SEAL_PAGE);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) seals.add(sealAt(rs));
                    }
                }
                nextSealToRead = seals.isEmpty() ? lastBatch + 1 : seals.peekLast().batchNo() + 1;
            }
            return seals.peekFirst();
        }

        private DecisionRows.Row peekRow() throws SQLException {
            if (rows.isEmpty() && nextSeqToRead <= lastSeqToRead) {
                try (PreparedStatement s = c.prepareStatement("SELECT " + DecisionRows.COLUMNS
                        + " FROM decision WHERE seal_seq >= ? AND seal_seq <= ? ORDER BY seal_seq LIMIT ?")) {
                    s.setLong(1, nextSeqToRead);
                    s.setLong(2, lastSeqToRead);
                    s.setInt(3, RECORD_PAGE);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) rows.add(DecisionRows.read(rs));
                    }
                }
                nextSeqToRead = rows.isEmpty() ? lastSeqToRead + 1 : rows.peekLast().sealSeq() + 1;
            }
            return rows.peekFirst();
        }

        private SealChain.Seal seal(long batchNo) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(SEALS + "WHERE batch_no = ?")) {
                s.setLong(1, batchNo);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? sealAt(rs) : null;
                }
            }
        }
    }

    private static final String SEALS = "SELECT batch_no, first_seq, last_seq, record_count, min_decided_at, max_decided_at, "
            + "prev_head, head, mac, key_id FROM decision_seal ";

    private static SealChain.Seal sealAt(ResultSet rs) throws SQLException {
        return new SealChain.Seal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                DecisionRows.instant(rs, "min_decided_at").toEpochMilli(), DecisionRows.instant(rs, "max_decided_at").toEpochMilli(),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }
}
