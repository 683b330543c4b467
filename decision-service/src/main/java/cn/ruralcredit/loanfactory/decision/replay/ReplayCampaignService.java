package cn.ruralcredit.loanfactory.decision.replay;

import cn.ruralcredit.loanfactory.catalog.job.BackgroundJob;
import cn.ruralcredit.loanfactory.catalog.job.JobItem;
import cn.ruralcredit.loanfactory.catalog.product.Product;
import cn.ruralcredit.loanfactory.decision.api.ApiJson;
import cn.ruralcredit.loanfactory.decision.jobs.JobQueue;
import cn.ruralcredit.loanfactory.decision.jobs.JobRunner;
import cn.ruralcredit.loanfactory.decision.jobs.JobScope;
import cn.ruralcredit.loanfactory.decision.jobs.JobView;
import cn.ruralcredit.loanfactory.decision.platform.CsvText;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;
import cn.ruralcredit.loanfactory.decision.problem.ProblemException;
import cn.ruralcredit.loanfactory.decision.security.CurrentUser;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Replay campaigns: queued here, run by the {@link JobRunner} with {@link ReplayCampaignWork},
 * and reported from their stored items, page by page, so a report of any size streams.
 */
@ApplicationScoped
public class ReplayCampaignService {
    /** A campaign covers the last 90 days unless told otherwise, as simulations do. */
    static final int DEFAULT_DAYS = 90;
    private static final int REPORT_PAGE = 1000;

    @Inject
    JobRunner runner;
    @Inject
    JobQueue queue;
    @Inject
    CurrentUser user;

    public JobView start(NewReplayCampaign request) {
        if (request == null) throw FieldErrors.missingBody();
        if (FieldErrors.blank(request.productCode())) throw ProblemException.badField("productCode", "is required");
        String by = user.name();
        JobView view = QuarkusTransaction.requiringNew().call(() -> {
            if (Product.findByCode(request.productCode()).isEmpty()) {
                throw ProblemException.badField("productCode", "no product " + request.productCode());
            }
            JobScope scope = queue.scope(request.productCode(), request.from(), request.to(), DEFAULT_DAYS);
            queue.admit(by);
            BackgroundJob job = scope.queue(BackgroundJob.REPLAY_CAMPAIGN, by);
            job.persist();
            return JobView.of(job);
        });
        runner.wake();
        return view;
    }

    public List<JobView> list(String productCode) {
        return QuarkusTransaction.requiringNew().call(() -> BackgroundJob.newest(BackgroundJob.REPLAY_CAMPAIGN,
                FieldErrors.blank(productCode) ? null : productCode, 100).stream().map(JobView::of).toList());
    }

    public JobView get(String id) {
        return JobView.of(QuarkusTransaction.requiringNew().call(() -> campaign(id)));
    }

    /** The finished campaign {@code id}; a 409 while it is still running. */
    public JobView finished(String id) {
        JobView view = get(id);
        if (!BackgroundJob.DONE.equals(view.status())) {
            throw ProblemException.conflict("replay campaign " + id + " is " + view.status() + " ("
                    + view.progress().done() + " of " + view.progress().total() + " done); its report comes when it is DONE");
        }
        return view;
    }

    /**
     * The report as JSON: the campaign with its counts, then every mismatched decision with its
     * differing fields, then every decision the rules failed on.
     */
    public void writeJson(JobView campaign, OutputStream out) {
        try (JsonGenerator json = ApiJson.generator(out)) {
            json.writeStartObject();
            json.writeObjectField("campaign", campaign);
            json.writeNumberField("total", campaign.progress().done());
            json.writeNumberField("matched", campaign.matched());
            json.writeNumberField("mismatched", campaign.mismatched());
            json.writeNumberField("failed", campaign.failed());
            json.writeArrayFieldStart("mismatches");
            forEachItem(campaign.id(), JobItem.CHANGED, item -> {
                JsonNode differences = ApiJson.readStored(item.differences);
                json.writeStartObject();
                json.writeStringField("decisionId", item.decisionId);
                json.writeArrayFieldStart("fields");
                for (JsonNode d : differences) json.writeString(d.path("field").asText());
                json.writeEndArray();
                json.writeObjectField("differences", differences);
                json.writeEndObject();
            });
            json.writeEndArray();
            json.writeArrayFieldStart("failures");
            forEachItem(campaign.id(), JobItem.ERROR, item -> {
                json.writeStartObject();
                json.writeStringField("decisionId", item.decisionId);
                json.writeStringField("error", ApiJson.readStored(item.differences).path("error").asText());
                json.writeEndObject();
            });
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as CSV: one line per differing field of a mismatched decision, and per failed decision. */
    public void writeCsv(JobView campaign, OutputStream out) {
        try {
            Writer csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            csv.write("decisionId,result,field,original,replayed\r\n");
            forEachItem(campaign.id(), JobItem.CHANGED, item -> {
                for (JsonNode d : ApiJson.readStored(item.differences)) {
                    csv.write(String.join(",", item.decisionId, "MISMATCH", CsvText.field(d.path("field").asText()),
                            CsvText.field(d.path("original").toString()), CsvText.field(d.path("replayed").toString())) + "\r\n");
                }
            });
            forEachItem(campaign.id(), JobItem.ERROR, item -> csv.write(String.join(",", item.decisionId, "ERROR", "",
                    CsvText.field(ApiJson.readStored(item.differences).path("error").asText()), "") + "\r\n"));
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface ItemWriter {
        void write(JobItem item) throws IOException;
    }

    private static void forEachItem(String jobId, String result, ItemWriter writer) throws IOException {
        String after = null;
        while (true) {
            String from = after;
            List<JobItem> page = QuarkusTransaction.requiringNew().call(() ->
                    JobItem.ofJob(jobId, List.of(result), from, REPORT_PAGE));
            for (JobItem item : page) writer.write(item);
            if (page.size() < REPORT_PAGE) return;
            after = page.get(page.size() - 1).decisionId;
        }
    }

    private static BackgroundJob campaign(String id) {
        return BackgroundJob.<BackgroundJob>findByIdOptional(id)
                .filter(job -> BackgroundJob.REPLAY_CAMPAIGN.equals(job.kind))
                .orElseThrow(() -> ProblemException.notFound("no replay campaign " + id));
    }
}
