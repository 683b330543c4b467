package cn.ruralcredit.loanfactory.catalog.privacy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One read of decisions that hold personal data: who, when, and which decision (a single view
 * with the full ID number and phone) or which filter and how many rows (an export). Rows are only
 * ever added.
 */
@Entity
@Table(name = "personal_data_read")
public class PersonalDataRead extends PanacheEntityBase {
    /** An auditor's view of one decision with the full ID number and phone. */
    public static final String DECISION_VIEW = "DECISION_VIEW";
    /** A CSV or XLSX export of a filtered range of decisions (masked values). */
    public static final String EXPORT = "EXPORT";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "read_at", nullable = false)
    public Instant readAt;
    @Column(nullable = false, length = 64)
    public String reader;
    @Column(name = "reader_roles", nullable = false, length = 200)
    public String readerRoles;
    @Column(nullable = false, length = 16)
    public String purpose;
    @Column(name = "decision_id", length = 26)
    public String decisionId;
    @Column(name = "filter_json", columnDefinition = "TEXT")
    public String filterJson;
    @Column(name = "row_count")
    public Long rowCount;
}
