package cn.ruralcredit.loanfactory.catalog.batch;

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

/** One current line a re-rating re-evaluated (V13_1__batches.sql). */
@Entity
@Table(name = "rerating_line")
@IdClass(ReratingLine.Key.class)
public class ReratingLine extends PanacheEntityBase {
    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
    public static final String UNCHANGED = "UNCHANGED";
    public static final String RATE_ONLY = "RATE_ONLY";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String ERROR = "ERROR";

    @Id
    @Column(name = "rerating_id", length = 26)
    public String reratingId;
    @Id
    @Column(name = "line_no")
    public int lineNo;
    @Column(name = "decision_id", nullable = false)
    public String decisionId;
    @Column(name = "applicant_name")
    public String applicantName;
    @Column(name = "id_number")
    public String idNumber;
    @Column(name = "change_kind", nullable = false)
    public String changeKind;
    @Column(name = "outcome_before", nullable = false)
    public String outcomeBefore;
    @Column(name = "outcome_after")
    public String outcomeAfter;
    @Column(name = "tier_before")
    public String tierBefore;
    @Column(name = "tier_after")
    public String tierAfter;
    @Column(name = "limit_before", nullable = false, precision = 19, scale = 2)
    public BigDecimal limitBefore;
    @Column(name = "limit_after", precision = 19, scale = 2)
    public BigDecimal limitAfter;
    @Column(name = "rate_before", precision = 6, scale = 2)
    public BigDecimal rateBefore;
    @Column(name = "rate_after", precision = 6, scale = 2)
    public BigDecimal rateAfter;
    @Column(name = "reasons_after")
    public String reasonsAfter;
    @Column(name = "reasons_after_zh")
    public String reasonsAfterZh;
    public String error;
    @Column(name = "new_decision_id")
    public String newDecisionId;

    public static List<ReratingLine> page(String reratingId, int afterLine, int limit) {
        return find("reratingId = ?1 and lineNo > ?2 order by lineNo", reratingId, afterLine).page(0, limit).list();
    }

    public static class Key implements Serializable {
        public String reratingId;
        public int lineNo;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(reratingId, k.reratingId) && lineNo == k.lineNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(reratingId, lineNo);
        }
    }
}
