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

import java.util.List;

/** The result of one scenario in a test run. */
@Entity
@Table(name = "test_case_result")
public class TestCaseResult extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "run_id")
    public TestRun run;
    @Column(name = "scenario_name", nullable = false)
    public String scenarioName;
    public boolean passed;
    /** JSON array of {field, expected, actual}. */
    @Column(nullable = false)
    public String differences;
    /** JSON array of rule names in firing order. */
    @Column(name = "fired_rules", nullable = false)
    public String firedRules;

    public static List<TestCaseResult> of(TestRun run) {
        return list("run = ?1 order by id", run);
    }
}
