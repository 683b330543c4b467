package cn.ruralcredit.loanfactory.catalog.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** One decision a job processed: before and after, and how they differ (V7__background_jobs.sql). */
@Entity
@Table(name = "background_job_item")
@IdClass(JobItem.Key.class)
public class JobItem extends PanacheEntityBase {
    public static final String SAME = "SAME";
    public static final String CHANGED = "CHANGED";
    public static final String ERROR = "ERROR";

    @Id
    @Column(name = "job_id", length = 26)
    public String jobId;
    @Id
    @Column(name = "decision_id", length = 26)
    public String decisionId;
    @Column(nullable = false)
    public String result;
    @Column(name = "outcome_before", nullable = false)
    public String outcomeBefore;
    @Column(name = "outcome_after")
    public String outcomeAfter;
    @Column(name = "limit_before", nullable = false, precision = 19, scale = 2)
    public BigDecimal limitBefore;
    @Column(name = "limit_after", precision = 19, scale = 2)
    public BigDecimal limitAfter;
    @Column(name = "rate_before", precision = 6, scale = 2)
    public BigDecimal rateBefore;
    @Column(name = "rate_after", precision = 6, scale = 2)
    public BigDecimal rateAfter;
    @Column(name = "reasons_before", nullable = false)
    public String reasonsBefore;
    @Column(name = "reasons_after")
    public String reasonsAfter;
    @Column(columnDefinition = "LONGTEXT")
    public String differences;

    /** A page of a job's items with one of {@code results}, in decision order. */
    public static List<JobItem> ofJob(String jobId, List<String> results, String afterDecisionId, int limit) {
        return find("jobId = ?1 and result in ?2 and decisionId > ?3 order by decisionId", jobId, results,
                afterDecisionId == null ? "" : afterDecisionId).page(0, limit).list();
    }

    public static class Key implements Serializable {
        public String jobId;
        public String decisionId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(jobId, k.jobId) && Objects.equals(decisionId, k.decisionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, decisionId);
        }
    }
}
