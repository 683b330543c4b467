package cn.ruralcredit.loanfactory.catalog.market;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A market rate entry, in force from {@code effectiveFrom} inclusive until the next entry of its type. */
@Entity
@Table(name = "market_rate")
public class MarketRate extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public static final String LPR_1Y = "LPR_1Y";

    @Column(name = "rate_type", nullable = false)
    public String rateType;
    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;
    @Column(name = "rate_pct", nullable = false, precision = 6, scale = 2)
    public BigDecimal ratePct;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by", nullable = false)
    public String createdBy;

    public static List<MarketRate> history(String rateType) {
        return list("rateType = ?1 order by effectiveFrom", rateType);
    }
}
