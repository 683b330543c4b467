package cn.ruralcredit.loanfactory.decision.version;

import java.time.LocalDate;
import java.util.Map;

/** What the product factory API accepts for rule set versions. */
public final class VersionRequests {
    private VersionRequests() {
    }

    /** The version to copy: {@code productCode} defaults to the product being worked on. */
    public record CopyFrom(String productCode, Integer version) {
    }

    /** A new draft: a copy of {@code copyFrom}, or the starter rule set when absent. */
    public record NewDraft(CopyFrom copyFrom, String note) {
    }

    /** An edit of a draft: the whole set of files replaces the old one; {@code lockVersion} as last read. */
    public record Edit(Long lockVersion, Map<String, String> files, String note) {
    }

    public record Comment(String comment) {
    }

    /**
     * An approval. {@code acknowledgeNoSimulation} must be true when no simulation covers the
     * version (see {@code SimulationCoverage}): the approver then signs knowing that.
     */
    public record Approve(String comment, Boolean acknowledgeNoSimulation) {
    }

    /** Publish (or roll back to) a version from {@code effectiveFrom}: today (Asia/Shanghai) when absent. */
    public record Publish(LocalDate effectiveFrom, String comment) {
    }
}
