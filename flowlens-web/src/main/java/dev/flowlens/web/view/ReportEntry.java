package dev.flowlens.web.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.report.Report;
import java.util.TreeSet;

/** {@code /api/reports}: a built-in report, the fields it needs (AWS names, sorted) and whether it takes an address. */
public record ReportEntry(
        String report,
        String description,
        String needs,
        @JsonProperty("needs_address") boolean needsAddress) {
    public static ReportEntry of(Report r) {
        TreeSet<String> fields = new TreeSet<>();
        for (FlowField f : r.requires()) {
            fields.add(f.awsName());
        }
        return new ReportEntry(r.name(), r.description(), String.join(" ", fields), r.needsAddress());
    }
}
