package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.catalog.batch.BatchRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A batch's results in figures, counted from its stored rows. */
@Schema(description = "Counts by outcome, tier and product; exposure is the sum of the limits of APPROVED and REFERRED rows")
public record BatchSummary(
        int rows,
        int decided,
        int failedRows,
        Map<String, Integer> byOutcome,
        List<TierCount> byTier,
        Map<String, Integer> byProduct,
        BigDecimal totalExposure,
        BigDecimal approvedExposure,
        BigDecimal referredExposure) {

    @Schema(description = "Decided rows of one product and tier (tier null: declined)")
    public record TierCount(String productCode, String tierCode, String tierLabel, int count, BigDecimal exposure) {
    }

    /** Counts over the stored rows of batch {@code id}. Call within a transaction. */
    public static BatchSummary of(String id) {
        var em = BatchRow.getEntityManager();
        Map<String, Integer> byOutcome = new LinkedHashMap<>();
        byOutcome.put("APPROVED", 0);
        byOutcome.put("REFERRED", 0);
        byOutcome.put("DECLINED", 0);
        BigDecimal approved = BigDecimal.ZERO;
        BigDecimal referred = BigDecimal.ZERO;
        int decided = 0;
        int failed = 0;
        List<Object[]> outcomes = em.createQuery("select r.status, r.outcome, count(r), coalesce(sum(r.creditLimit), 0) "
                + "from BatchRow r where r.batchId = ?1 group by r.status, r.outcome", Object[].class).setParameter(1, id).getResultList();
        for (Object[] o : outcomes) {
            int count = ((Number) o[2]).intValue();
            if (BatchRow.ERROR.equals(o[0])) {
                failed += count;
                continue;
            }
            decided += count;
            byOutcome.merge((String) o[1], count, Integer::sum);
            BigDecimal sum = (BigDecimal) o[3];
            if ("APPROVED".equals(o[1])) approved = approved.add(sum);
            if ("REFERRED".equals(o[1])) referred = referred.add(sum);
        }
        List<TierCount> tiers = new ArrayList<>();
        Map<String, Integer> byProduct = new LinkedHashMap<>();
        List<Object[]> tierRows = em.createQuery("select r.productCode, r.tierCode, max(r.tierLabel), count(r), "
                + "coalesce(sum(case when r.outcome <> 'DECLINED' then r.creditLimit else 0 end), 0) from BatchRow r "
                + "where r.batchId = ?1 and r.status = 'OK' group by r.productCode, r.tierCode order by r.productCode, r.tierCode",
                Object[].class).setParameter(1, id).getResultList();
        for (Object[] t : tierRows) {
            int count = ((Number) t[3]).intValue();
            tiers.add(new TierCount((String) t[0], (String) t[1], (String) t[2], count, money((BigDecimal) t[4])));
            byProduct.merge((String) t[0], count, Integer::sum);
        }
        return new BatchSummary(decided + failed, decided, failed, byOutcome, tiers, byProduct, money(approved.add(referred)),
                money(approved), money(referred));
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
