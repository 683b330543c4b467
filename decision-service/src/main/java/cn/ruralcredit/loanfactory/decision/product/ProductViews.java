package cn.ruralcredit.loanfactory.decision.product;

import cn.ruralcredit.loanfactory.decision.version.VersionRequests;
import cn.ruralcredit.loanfactory.decision.version.VersionViews;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the product API accepts and returns. */
public final class ProductViews {
    private ProductViews() {
    }

    /** A new product; its version 1 is a draft copied from {@code copyFrom}, or the starter rule set. */
    public record NewProduct(String code, String nameZh, String nameEn, List<String> segments, String description,
                             VersionRequests.CopyFrom copyFrom) {
    }

    /** A product with the version in force today, the versions scheduled after today, and every version. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Product(String code, String nameZh, String nameEn, List<String> segments, String description,
                          String status, Instant createdAt, String createdBy, VersionRef inForce,
                          List<VersionRef> scheduled, int scenarios, List<VersionViews.Summary> versions) {
    }

    public record VersionRef(int version, String sha256, LocalDate effectiveFrom) {
    }
}
