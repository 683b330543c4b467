package cn.ruralcredit.loanfactory.decision.batch;

import cn.ruralcredit.loanfactory.rules.model.AdminRank;
import cn.ruralcredit.loanfactory.rules.model.CommitteeRating;
import cn.ruralcredit.loanfactory.rules.model.GuaranteeType;
import cn.ruralcredit.loanfactory.rules.model.Purpose;
import cn.ruralcredit.loanfactory.rules.model.Segment;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns a batch file may have: every field of the decision request (API.md), each known by
 * its API field path ({@code applicant.annualIncome}) and by its Chinese header (年收入). Headers
 * are matched after trimming, ignoring case, spaces and the difference between full-width and
 * half-width brackets.
 */
public final class BatchColumns {
    /** How a cell becomes a JSON value of the request. */
    public enum Type { TEXT, NUMBER, BOOLEAN, ENUM, ENUM_LIST, DATE }

    /** One column: the API field path, the Chinese header, its type and, for enums, the codes. */
    public record Column(String path, String header, Type type, List<String> codes, String example, boolean required) {
    }

    public static final List<Column> ALL = List.of(
            col("applicant.idNumber", "身份证号", Type.TEXT, "150422197511020041", true),
            col("applicant.name", "姓名", Type.TEXT, "张三", true),
            col("applicant.phone", "手机号", Type.TEXT, "13800138000", false),
            enumCol("applicant.segment", "客户类型", codes(Segment.values()), "FARMER", true),
            col("applicant.annualIncome", "年收入", Type.NUMBER, "120000", false),
            col("applicant.annualExpenses", "年支出", Type.NUMBER, "40000", false),
            col("applicant.totalAssets", "总资产", Type.NUMBER, "600000", false),
            col("applicant.totalLiabilities", "总负债", Type.NUMBER, "50000", false),
            col("applicant.annualRevenue", "年营业收入", Type.NUMBER, "0", false),
            col("applicant.avgDepositBalance12m", "近12个月日均存款", Type.NUMBER, "30000", false),
            col("applicant.eBankingProducts", "电子银行产品数", Type.NUMBER, "2", false),
            col("applicant.salaryPaidByUs", "本行代发工资", Type.BOOLEAN, "否", false),
            enumCol("applicant.adminRank", "行政职级", codes(AdminRank.values()), "NONE", false),
            col("applicant.businessYears", "经营年限", Type.NUMBER, "0", false),
            col("applicant.socialSecurityMonths", "社保缴纳月数", Type.NUMBER, "0", false),
            col("applicant.workingAwayYears", "外出务工年限", Type.NUMBER, "0", false),
            col("applicant.inMigrantDatabase", "在农民工信息库", Type.BOOLEAN, "否", false),
            col("applicant.relationshipMonths", "合作月数", Type.NUMBER, "0", false),
            col("applicant.offlineVerified", "线下核验", Type.BOOLEAN, "否", false),
            col("applicant.hukou.local", "本地户籍", Type.BOOLEAN, "是", false),
            col("applicant.hukou.localSinceYears", "落户年限", Type.NUMBER, "30", false),
            enumCol("applicant.committeeRating", "村委评议", codes(CommitteeRating.values()), "GOOD", false),
            col("applicant.blacklisted", "黑名单", Type.BOOLEAN, "否", false),
            col("applicant.creditHistory.overdueCount24m", "近24个月逾期次数", Type.NUMBER, "0", false),
            col("applicant.creditHistory.maxOverdueDays24m", "近24个月最长逾期天数", Type.NUMBER, "0", false),
            col("applicant.creditHistory.currentOverdue", "当前逾期", Type.BOOLEAN, "否", false),
            col("application.requestedAmount", "申请金额", Type.NUMBER, "80000", false),
            col("application.termMonths", "期限月数", Type.NUMBER, "12", true),
            enumCol("application.purpose", "贷款用途", codes(Purpose.values()), "PRODUCTION", false),
            new Column("application.offeredGuarantees", "担保方式", Type.ENUM_LIST, codes(GuaranteeType.values()), "GUARANTOR",
                    false),
            col("asOfDate", "评估日期", Type.DATE, "", false));

    /** Other names officers use for a few headers. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("身份证", "applicant.idNumber"), Map.entry("身份证号码", "applicant.idNumber"),
            Map.entry("手机", "applicant.phone"), Map.entry("手机号码", "applicant.phone"), Map.entry("联系电话", "applicant.phone"),
            Map.entry("客户群体", "applicant.segment"), Map.entry("期限", "application.termMonths"),
            Map.entry("期限(月)", "application.termMonths"), Map.entry("贷款期限", "application.termMonths"),
            Map.entry("申请额度", "application.requestedAmount"), Map.entry("用途", "application.purpose"),
            Map.entry("担保", "application.offeredGuarantees"));

    private static final Map<String, Column> BY_NAME = new LinkedHashMap<>();

    static {
        for (Column c : ALL) {
            BY_NAME.put(normal(c.path()), c);
            BY_NAME.put(normal(c.header()), c);
        }
        for (var alias : ALIASES.entrySet()) BY_NAME.put(normal(alias.getKey()), byPath(alias.getValue()));
    }

    private BatchColumns() {
    }

    /** The column a header names, if any. */
    public static Optional<Column> forHeader(String header) {
        return Optional.ofNullable(header == null ? null : BY_NAME.get(normal(header)));
    }

    static Column byPath(String path) {
        for (Column c : ALL) if (c.path().equals(path)) return c;
        throw new IllegalArgumentException(path);
    }

    static String normal(String header) {
        String s = header.strip().replace("\uFEFF", "").replace('（', '(').replace('）', ')').replace(" ", "")
                .replace("\u3000", "");
        return s.toLowerCase(Locale.ROOT);
    }

    private static Column col(String path, String header, Type type, String example, boolean required) {
        return new Column(path, header, type, List.of(), example, required);
    }

    private static Column enumCol(String path, String header, List<String> codes, String example, boolean required) {
        return new Column(path, header, Type.ENUM, codes, example, required);
    }

    private static List<String> codes(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
