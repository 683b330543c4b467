package cn.ruralcredit.loanfactory.catalog.version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A run of one version's content against its product's scenario suite as the suite was then. */
@Entity
@Table(name = "test_run")
public class TestRun extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "version_id")
    public RuleSetVersion ruleSetVersion;
    @Column(name = "rule_set_sha256", nullable = false)
    public String ruleSetSha256;
    @Column(name = "suite_sha256", nullable = false)
    public String suiteSha256;
    @Column(name = "ran_at", nullable = false)
    public Instant ranAt;
    @Column(name = "ran_by", nullable = false)
    public String ranBy;
    public int total;
    public int passed;
    public int failed;

    /** The runs of a version, newest first. */
    public static List<TestRun> of(RuleSetVersion version) {
        return list("ruleSetVersion = ?1 order by id desc", version);
    }

    public static Optional<TestRun> latest(RuleSetVersion version) {
        return find("ruleSetVersion = ?1 order by id desc", version).firstResultOptional();
    }

    /** Deletes the runs of a version and their case results (a deleted draft). */
    public static void deleteOf(RuleSetVersion version) {
        for (TestRun run : TestRun.<TestRun>list("ruleSetVersion", version)) {
            TestCaseResult.delete("run", run);
            run.delete();
        }
    }
}
