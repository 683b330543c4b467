package cn.ruralcredit.loanfactory.decision.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One entry of the personal-data access log. */
public record PersonalDataReadView(
        long id,
        @Schema(description = "UTC, milliseconds", example = "2025-11-21T08:15:30.123Z") String readAt,
        @Schema(description = "The user who read") String reader,
        @Schema(description = "The roles the reader held") List<String> readerRoles,
        @Schema(enumeration = {"DECISION_VIEW", "EXPORT"},
                description = "DECISION_VIEW: one decision with full values; EXPORT: a masked CSV or XLSX export") String purpose,
        @Schema(description = "The decision viewed; null for an export") String decisionId,
        @Schema(description = "An export's format and filters; null for a view") JsonNode filter,
        @Schema(description = "How many decisions an export held; null for a view") Long rowCount) {

    /** A page of the access log, newest first; {@code page} counts from 0. */
    @Schema(name = "PersonalDataReadPage")
    public record Page(List<PersonalDataReadView> items, int page, int size, long totalItems, long totalPages) {
    }
}
