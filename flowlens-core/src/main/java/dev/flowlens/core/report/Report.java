package dev.flowlens.core.report;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.insights.SqlDialect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A built-in report: a name, one line saying what it shows, the flow log fields it reads, and the
 * SQL it runs (over {@code f}, the engine's {@code flows} inside the time range) with bound
 * parameters, in the engine's {@link SqlDialect}.
 */
public record Report(String name, String description, Set<FlowField> requires, boolean needsAddress, Body body) {
    /** The report's query over {@code f}. */
    @FunctionalInterface
    public interface Body {
        ReportSql sql(ReportOptions options, SqlDialect dialect);
    }

    public Report {
        requires = Set.copyOf(requires);
    }

    /** The whole statement: the time-range CTE {@code f}, then the report's query. */
    public ReportSql sql(ReportOptions o, SqlDialect dialect) {
        ReportSql b = body.sql(o, dialect);
        List<Object> params = new ArrayList<>();
        params.add(o.from() == null ? Long.MIN_VALUE : o.from());
        params.add(o.to() == null ? Long.MAX_VALUE : o.to());
        params.addAll(b.params());
        return new ReportSql("WITH f AS (SELECT * FROM flows WHERE start BETWEEN ? AND ?) " + b.sql(), params);
    }

    /** The AWS names of the fields it reads, sorted, for listings: {@code bytes dstaddr srcaddr}. */
    public String requiresText() {
        return String.join(
                " ", new TreeSet<>(requires.stream().map(FlowField::awsName).toList()));
    }

    /** Refuses options that lack the address the report needs. */
    public void checkAddress(ReportOptions options) {
        if (needsAddress && (options.address() == null || options.address().isBlank())) {
            throw new FlowlensException(
                    ErrorCode.INVALID_ARGUMENT, "report " + name + " needs an address: add --address 10.0.1.5");
        }
    }

    /** The fields some record must have for the report to say anything with these options. */
    public Set<FlowField> needed(ReportOptions options) {
        Set<FlowField> needed = new LinkedHashSet<>(requires);
        if (name.equals("nat-gateway-top-talkers") && options.eni() == null) {
            needed.add(FlowField.INTERFACE_TYPE);
        }
        return needed;
    }

    /**
     * Why the report cannot run: the {@code missing} fields no record of the {@code store}
     * ("workspace", "lake") has, the formats its files were logged with (may be empty), and how to fix it.
     */
    public String missingMessage(List<FlowField> missing, String store, List<String> formats) {
        List<String> names = new ArrayList<>();
        missing.forEach(f -> names.add(f.awsName()));
        StringBuilder b = new StringBuilder("report ")
                .append(name)
                .append(" needs the field")
                .append(names.size() > 1 ? "s " : " ")
                .append(String.join(", ", names))
                .append(", which no record in the ")
                .append(store)
                .append(" has");
        if (!formats.isEmpty()) {
            b.append(" (the files were logged with: ")
                    .append(String.join(" | ", formats))
                    .append(')');
        }
        b.append(". Add ");
        List<String> vars = new ArrayList<>();
        missing.forEach(f -> vars.add("${" + f.awsName() + "}"));
        b.append(String.join(" ", vars)).append(" to the flow log's custom format to use this report");
        if (name.equals("nat-gateway-top-talkers")) {
            b.append(", or name the NAT gateway's network interface with --eni");
        }
        return b.append('.').toString();
    }
}
