package cn.ruralcredit.loanfactory.decision.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** The answer of GET /api/v1/audit/verify. */
@Schema(description = "The result of checking the sealed decision log")
public record VerificationReport(
        @Schema(description = "true when every record checked is present, unchanged, in its place and under a valid seal")
        boolean intact,
        @Schema(description = "First day asked for (decidedAt, Asia/Shanghai), or null for the whole log", example = "2026-03-01")
        LocalDate from,
        @Schema(description = "Last day asked for, inclusive, or null for the whole log", example = "2026-03-31")
        LocalDate to,
        @Schema(description = "Records checked before the first break (all of them when intact)", example = "1234")
        long checked,
        @Schema(description = "Seals (batches) covering the days asked for; a range is checked by whole batches", example = "3")
        long batches,
        @Schema(description = "Sequence number of the first record covered, or null when no batch covers the range", example = "1")
        Long firstSeq,
        @Schema(description = "Sequence number of the last record covered, or null when no batch covers the range", example = "1300")
        Long lastSeq,
        @Schema(description = "Last sequence number of the whole sealed log", example = "1300")
        long sealedThrough,
        @Schema(description = "Decisions stored but not sealed yet when the check ended (stored since it sealed pending "
                + "records); they are covered only by their record hash", example = "0")
        long unsealed,
        @Schema(description = "The first broken record in log order, or null when intact")
        BrokenRecord firstBroken) {

    /** Where the log first breaks. */
    @Schema(description = "The first record at which the log is broken")
    public record BrokenRecord(
            @Schema(description = "Sequence number (position in the sealed log); for MISSING, the number with no record",
                    example = "17")
            long seq,
            @Schema(description = "The decision at that position; for MISSING, the next record present (null if none)",
                    example = "01JD3B6ZKX0QW6M2R4N8T5V7Y9")
            String decisionId,
            @Schema(description = "The seal (batch) that covers the position", example = "2")
            Long batchNo,
            @Schema(description = "What is wrong")
            BreakKind problem,
            @Schema(description = "A human explanation", example = "the stored content no longer matches its record hash")
            String detail) {
    }

    /** The kinds of break, in the order they are looked for at each record. */
    @Schema(description = """
            MISSING: a sequence number has no record (a decision was deleted). CONTENT_CHANGED: the record's content no \
            longer gives its record hash (a decision was edited). OUT_OF_ORDER: the record does not chain to the one \
            before it (records were reordered or the chain rewritten). SEAL_BROKEN: a batch's seal is missing, altered, \
            forged, or no longer matches its records (records and chain rewritten without the seal key).""")
    public enum BreakKind {
        MISSING, CONTENT_CHANGED, OUT_OF_ORDER, SEAL_BROKEN
    }
}
