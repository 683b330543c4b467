package cn.ruralcredit.loanfactory.decision.jobs;

import cn.ruralcredit.loanfactory.catalog.job.JobItem;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.replay.Difference;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Items of a job: a decision's response before and after, summarised for reports. */
public final class JobItems {
    private JobItems() {
    }

    /** The item for a decision evaluated again: SAME without differences, else CHANGED with them. */
    public static JobItem compared(String jobId, String decisionId, JsonNode before, JsonNode after,
                                   List<Difference> differences) {
        JobItem item = before(jobId, decisionId, before);
        item.result = differences.isEmpty() ? JobItem.SAME : JobItem.CHANGED;
        item.outcomeAfter = after.path("outcome").asText();
        item.limitAfter = decimal(after.get("creditLimit"));
        item.rateAfter = decimal(after.get("annualRatePct"));
        item.reasonsAfter = reasonCodes(after);
        item.differences = differences.isEmpty() ? null : ApiJson.write(differences);
        return item;
    }

    /** The item for a decision the rules failed on: the error, and nothing after. */
    public static JobItem failed(String jobId, String decisionId, JsonNode before, String error) {
        JobItem item = before(jobId, decisionId, before);
        item.result = JobItem.ERROR;
        item.differences = ApiJson.write(Map.of("error", error));
        return item;
    }

    private static JobItem before(String jobId, String decisionId, JsonNode before) {
        JobItem item = new JobItem();
        item.jobId = jobId;
        item.decisionId = decisionId;
        item.outcomeBefore = before.path("outcome").asText();
        BigDecimal limit = decimal(before.get("creditLimit"));
        item.limitBefore = limit == null ? BigDecimal.ZERO : limit;
        item.rateBefore = decimal(before.get("annualRatePct"));
        item.reasonsBefore = reasonCodes(before);
        return item;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.decimalValue();
    }

    /** The reason codes of a response, comma-separated, in order. */
    static String reasonCodes(JsonNode response) {
        JsonNode reasons = response.path("reasons");
        String codes = StreamSupport.stream(reasons.spliterator(), false).map(r -> r.path("code").asText())
                .collect(Collectors.joining(","));
        return codes.length() > 1000 ? codes.substring(0, 1000) : codes;
    }
}
