package cn.ruralcredit.loanfactory.decision.search;

import cn.ruralcredit.loanfactory.decision.platform.QueryParams;
import cn.ruralcredit.loanfactory.decision.problem.FieldErrors;

import java.io.OutputStream;
import java.util.Locale;

/** The file formats of a decision export. */
public enum ExportFormat {
    CSV("csv", "text/csv; charset=UTF-8"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    public static final String CSV_MEDIA_TYPE = "text/csv";
    public static final String XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The {@code format} query parameter: required, {@code csv} or {@code xlsx} (any case). */
    public static ExportFormat parse(String raw, FieldErrors errors) {
        String s = QueryParams.text(raw);
        if (s == null) {
            errors.add("format", "is required: csv or xlsx");
            return null;
        }
        for (ExportFormat f : values()) {
            if (f.extension.equals(s.toLowerCase(Locale.ROOT))) return f;
        }
        errors.add("format", "must be csv or xlsx");
        return null;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    DecisionSheet open(OutputStream out) {
        return this == CSV ? new CsvDecisionSheet(out) : new XlsxDecisionSheet(out);
    }
}
