package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.rules.request.ChineseIdNumber;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A made-up village for batch tests: households drawn at random (fixed seed) and, for each, the
 * 福农卡 decision worked out here from PRODUCTS.md sections 1 and 2 alone — an oracle that shares
 * no code with the rules. Ages stay clear of the 18 and 65 boundaries and every amount is a whole
 * thousand, so the oracle needs no rounding subtleties.
 */
final class Village {
    static final LocalDate AS_OF = LocalDate.of(2025, 11, 21);
    static final List<String> HEADER = List.of("身份证号", "姓名", "手机号", "客户类型", "年收入", "年支出", "总资产", "总负债",
            "年营业收入", "近12个月日均存款", "近24个月逾期次数", "近24个月最长逾期天数", "当前逾期", "村委评议", "黑名单", "申请金额",
            "期限月数", "担保方式");
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "巴特尔", "其木格"};
    private static final String[] RATINGS = {"GOOD", "GOOD", "AVERAGE", "NONE", "POOR"};
    private static final String[] GUARANTEES = {"", "", "GUARANTOR", "MORTGAGE_PROPERTY", "GUARANTEE_COMPANY", "GUARANTOR;MORTGAGE_PROPERTY"};

    /** A household and the outcome, tier and limit the oracle gives it. */
    record Household(List<String> cells, String outcome, String tier, BigDecimal limit) {
    }

    private Village() {
    }

    static String idNumber(LocalDate birth, int sequence) {
        String first17 = "150422" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence % 1000);
        return first17 + ChineseIdNumber.checkCharacter(first17);
    }

    static List<Household> households(int n, long seed) {
        Random r = new Random(seed);
        List<Household> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean entity = r.nextInt(5) == 0;
            int age = r.nextInt(20) == 0 ? 70 + r.nextInt(5) : 25 + r.nextInt(35);
            LocalDate birth = AS_OF.minusYears(age).minusDays(30 + r.nextInt(300));
            long income = 1000L * r.nextInt(200);
            long expenses = 1000L * r.nextInt(80);
            long assets = 10_000L * r.nextInt(100);
            long liabilities = 10_000L * r.nextInt(30);
            long revenue = entity ? 100_000L * r.nextInt(50) : 0;
            long deposit = 1000L * r.nextInt(80);
            int overdues = r.nextInt(4) == 0 ? r.nextInt(5) : 0;
            int maxDays = overdues == 0 ? 0 : r.nextInt(10) == 0 ? 91 + r.nextInt(30) : r.nextInt(60);
            boolean current = r.nextInt(40) == 0;
            String rating = RATINGS[r.nextInt(RATINGS.length)];
            boolean blacklisted = r.nextInt(50) == 0;
            Long requested = r.nextInt(3) == 0 ? null : 1000L * (5 + r.nextInt(1200));
            String guarantees = GUARANTEES[r.nextInt(GUARANTEES.length)];
            String name = SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
            List<String> cells = List.of(idNumber(birth, i), name, "139" + String.format("%08d", i), entity ? "AGRI_ENTITY" : "FARMER",
                    Long.toString(income), Long.toString(expenses), Long.toString(assets), Long.toString(liabilities),
                    Long.toString(revenue), Long.toString(deposit), Integer.toString(overdues), Integer.toString(maxDays),
                    current ? "是" : "否", rating, blacklisted ? "是" : "否", requested == null ? "" : Long.toString(requested), "12",
                    guarantees);
            out.add(oracle(cells, entity, age, income - expenses, assets - liabilities, revenue, deposit, overdues, maxDays, current,
                    rating, blacklisted, requested, guarantees));
        }
        return out;
    }

    private static Household oracle(List<String> cells, boolean entity, int age, long netIncome, long netAssets, long revenue,
                                    long deposit, int overdues, int maxDays, boolean current, String rating, boolean blacklisted,
                                    Long requested, String guarantees) {
        boolean declined = blacklisted || current || maxDays > 90 || age < 18 || age > 65 || rating.equals("POOR");
        if (declined) return new Household(cells, "DECLINED", null, BigDecimal.ZERO);
        int score = (netIncome >= 100_000 ? 30 : netIncome >= 50_000 ? 20 : netIncome >= 20_000 ? 10 : 0)
                + (netAssets >= 500_000 ? 25 : netAssets >= 200_000 ? 15 : netAssets >= 50_000 ? 8 : 0)
                + (overdues == 0 ? 20 : overdues <= 2 && maxDays <= 30 ? 10 : 0)
                + (deposit >= 50_000 ? 15 : deposit >= 10_000 ? 8 : 0)
                + (rating.equals("GOOD") ? 10 : rating.equals("AVERAGE") ? 5 : 0);
        String tier;
        long cap;
        if (entity && score >= 80 && revenue >= 3_000_000) { tier = "DIAMOND"; cap = 1_000_000; }
        else if (entity && score >= 65 && revenue >= 1_000_000) { tier = "GOLD"; cap = 500_000; }
        else if (score >= 80) { tier = "G4"; cap = 100_000; }
        else if (score >= 65) { tier = "G3"; cap = 80_000; }
        else if (score >= 50) { tier = "G2"; cap = 60_000; }
        else if (score >= 35) { tier = "G1"; cap = 40_000; }
        else return new Household(cells, "DECLINED", null, BigDecimal.ZERO);
        long limit = requested == null ? cap : Math.min(cap, requested);
        limit = limit / 1000 * 1000;
        boolean band2 = guarantees.contains("GUARANTOR") || guarantees.contains("MORTGAGE") || guarantees.contains("COMPANY");
        boolean band3 = guarantees.contains("MORTGAGE") || guarantees.contains("COMPANY");
        if (limit > 500_000 && !band3) limit = band2 ? 500_000 : 100_000;
        else if (limit > 100_000 && !band2) limit = 100_000;
        if (limit < 10_000) return new Household(cells, "DECLINED", null, BigDecimal.ZERO);
        return new Household(cells, limit > 300_000 ? "REFERRED" : "APPROVED", tier, BigDecimal.valueOf(limit));
    }

    /** Counts of outcomes and of tiers (decided lines only) in {@code households}. */
    static Map<String, Integer> outcomes(List<Household> households) {
        Map<String, Integer> m = new TreeMap<>();
        for (Household h : households) m.merge(h.outcome(), 1, Integer::sum);
        return m;
    }

    static Map<String, Integer> tiers(List<Household> households) {
        Map<String, Integer> m = new TreeMap<>();
        for (Household h : households) if (h.tier() != null) m.merge(h.tier(), 1, Integer::sum);
        return m;
    }

    static BigDecimal exposure(List<Household> households) {
        return households.stream().filter(h -> !h.outcome().equals("DECLINED")).map(Household::limit)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** One CSV line of cells (no cell here needs quoting but a name with a comma would: quoted as RFC 4180 says). */
    static String csvLine(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append(',');
            String c = cells.get(i);
            b.append(c.contains(",") || c.contains("\"") ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        return b.append("\r\n").toString();
    }
}
