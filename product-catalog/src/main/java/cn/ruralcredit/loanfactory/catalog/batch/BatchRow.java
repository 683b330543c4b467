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

/** One input row of a batch: its result or its errors (V13_1__batches.sql); written by plain JDBC in chunks. */
@Entity
@Table(name = "batch_row")
@IdClass(BatchRow.Key.class)
public class BatchRow extends PanacheEntityBase {
    public static final String OK = "OK";
    public static final String ERROR = "ERROR";

    @Id
    @Column(name = "batch_id", length = 26)
    public String batchId;
    @Id
    @Column(name = "row_no")
    public int rowNo;
    @Column(nullable = false)
    public String status;
    @Column(name = "applicant_name")
    public String applicantName;
    @Column(name = "id_number")
    public String idNumber;
    @Column(name = "product_code")
    public String productCode;
    public String outcome;
    @Column(name = "tier_code")
    public String tierCode;
    @Column(name = "tier_label")
    public String tierLabel;
    @Column(name = "credit_limit", precision = 19, scale = 2)
    public BigDecimal creditLimit;
    @Column(name = "annual_rate_pct", precision = 6, scale = 2)
    public BigDecimal annualRatePct;
    public String guarantee;
    public String reasons;
    @Column(name = "reasons_zh")
    public String reasonsZh;
    @Column(name = "decision_id")
    public String decisionId;
    @Column(columnDefinition = "LONGTEXT")
    public String errors;

    /** A page of a batch's rows after {@code afterRow}, in row order; {@code status} null for every row. */
    public static List<BatchRow> page(String batchId, String status, int afterRow, int limit) {
        return status == null
                ? find("batchId = ?1 and rowNo > ?2 order by rowNo", batchId, afterRow).page(0, limit).list()
                : find("batchId = ?1 and status = ?2 and rowNo > ?3 order by rowNo", batchId, status, afterRow).page(0, limit).list();
    }

    public static class Key implements Serializable {
        public String batchId;
        public int rowNo;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(batchId, k.batchId) && rowNo == k.rowNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(batchId, rowNo);
        }
    }
}
