package cn.ruralcredit.loanfactory.catalog.version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.LinkedHashMap;
import java.util.Map;

/** One DRL file of a rule set version. */
@Entity
@Table(name = "rule_set_file")
public class RuleSetFile extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "version_id")
    public RuleSetVersion ruleSetVersion;
    @Column(nullable = false)
    public String path;
    @Column(nullable = false, columnDefinition = "MEDIUMTEXT")
    public String content;

    /** The files of a version by path. */
    public static Map<String, String> contentOf(RuleSetVersion version) {
        Map<String, String> files = new LinkedHashMap<>();
        RuleSetFile.<RuleSetFile>list("ruleSetVersion = ?1 order by path", version).forEach(f -> files.put(f.path, f.content));
        return files;
    }
}
