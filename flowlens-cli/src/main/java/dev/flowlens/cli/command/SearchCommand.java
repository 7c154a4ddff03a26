package dev.flowlens.cli.command;

import dev.flowlens.cli.CsvSafeOption;
import dev.flowlens.cli.SignalStop;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.TerminalText;
import dev.flowlens.cli.output.Times;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FilterPattern;
import dev.flowlens.core.filter.FilterPatternException;
import dev.flowlens.core.filter.FilterPatternParser;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import dev.flowlens.core.net.Protocols;
import dev.flowlens.options.FilterOptions;
import dev.flowlens.options.ListingOptions;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.query.QueryControl;
import dev.flowlens.store.search.FlowRow;
import dev.flowlens.store.search.FlowSearch;
import dev.flowlens.store.search.SearchRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "search",
        description = {
            "Find flow records by interface, time, address, port... and a CloudWatch Logs filter pattern, ordered by start time.",
            "PATTERN examples: '\" 10.0.0.5 \"' (exactly that address), 'REJECT ?22 ?3389', '-NODATA',",
            "'[version, account, eni, source, destination, srcport, destport=\"22\", protocol=\"6\", ...]'."
        })
public final class SearchCommand extends WorkspaceCommand {
    /** The extra column names --fields accepts besides the flow log fields. */
    private static final List<String> EXTRA_FIELDS = List.of("file", "line", "log-stream", "message", "time");

    @Mixin
    FilterOptions filters;

    @Mixin
    ListingOptions listing = new ListingOptions(1000);

    @Option(names = "--fields", paramLabel = "A,B,C", split = ",")
    List<String> fields;

    @Option(names = "--raw")
    boolean raw;

    @Parameters(arity = "0..*", paramLabel = "PATTERN", descriptionKey = "pattern")
    List<String> pattern = new ArrayList<>();

    @Mixin
    CsvSafeOption csv;

    @Override
    protected int run(PrintWriter out) throws Exception {
        FlowFilter filter = filters.toFilter();
        String patternText = String.join(" ", pattern);
        FilterPattern parsed;
        try {
            parsed = FilterPatternParser.parse(patternText);
        } catch (FilterPatternException e) {
            PrintWriter err = spec.commandLine().getErr();
            for (String line : e.pointer().split("\\R")) {
                err.println("  " + TerminalText.escape(line));
            }
            err.flush();
            throw e;
        }
        List<Column> columns = fields == null ? null : columns(fields);
        SearchRequest request = new SearchRequest(filter, parsed, listing.limit());
        boolean tabular = listing.tabular();
        boolean more;
        long shown;
        try (Workspace ws = workspace.openForQueries();
                QueryControl control = SignalStop.guard(QueryControl.untimed())) {
            FlowSearch search = new FlowSearch(ws.connection());
            control.recoverLostErrorsOn(ws.materialisingConnection());
            if (raw && columns == null && tabular) {
                long[] count = {0};
                more = search.stream(
                        request,
                        r -> {
                            out.println(TerminalText.escape(r.message()));
                            count[0]++;
                        },
                        control);
                shown = count[0];
            } else if (columns == null && !tabular && listing.limit() <= Printer.TABLE_WINDOW) {
                // the columns are the fields of the formats found: few rows, read them first
                List<FlowRow> found = new ArrayList<>();
                more = search.stream(request, found::add, control);
                Printer.Rows rows = printRows(awsColumns(formatsOf(found), raw), found, out);
                shown = rows.count();
            } else {
                List<Column> cols = columns != null
                        ? columns
                        : tabular ? readableColumns() : awsColumns(search.formatsFound(request), raw);
                Printer.Rows rows = new Printer(out, csv.safe()).rows(listing.format());
                rows.start(cols.stream().map(Column::name).toList());
                more = search.stream(request, r -> rows.row(values(cols, r, tabular)), control);
                rows.finish();
                shown = rows.count();
            }
        }
        PrintWriter note = tabular ? out : spec.commandLine().getErr();
        if (more) {
            note.println("(first " + shown + " records shown; more matched: narrow the search or raise --limit)");
        } else if (shown == 0 && tabular) {
            note.println("(no records matched)");
        }
        out.flush();
        note.flush();
        return 0;
    }

    private Printer.Rows printRows(List<Column> cols, List<FlowRow> found, PrintWriter out) {
        Printer.Rows rows = new Printer(out, csv.safe()).rows(listing.format());
        rows.start(cols.stream().map(Column::name).toList());
        for (FlowRow r : found) {
            rows.row(values(cols, r, false));
        }
        rows.finish();
        return rows;
    }

    private static List<Object> values(List<Column> cols, FlowRow r, boolean readable) {
        List<Object> row = new ArrayList<>(cols.size());
        for (Column c : cols) {
            row.add(c.value(r, readable));
        }
        return row;
    }

    private static List<FlowFormat> formatsOf(List<FlowRow> rows) {
        List<FlowFormat> formats = new ArrayList<>();
        for (FlowRow r : rows) {
            if (!formats.contains(r.format())) {
                formats.add(r.format());
            }
        }
        return formats;
    }

    /** A printed column: a flow log field, or one of {@link #EXTRA_FIELDS}, or a readable summary. */
    private record Column(String name, FlowField field, String extra) {
        Object value(FlowRow r, boolean readable) {
            if (field != null) {
                Object v = r.value(field);
                if (readable && v != null && (field == FlowField.START || field == FlowField.END)) {
                    return Times.iso(((Number) v).longValue());
                }
                return v;
            }
            switch (extra) {
                case "file":
                    return r.path();
                case "line":
                    return r.line();
                case "log-stream":
                    return r.logStream();
                case "message":
                    return r.message();
                case "time":
                    return Times.iso(r.longValue(FlowField.START));
                case "eni":
                    return r.stringValue(FlowField.INTERFACE_ID) != null
                            ? r.stringValue(FlowField.INTERFACE_ID)
                            : r.logStream();
                case "protocol-name":
                    return r.intValue(FlowField.PROTOCOL) == null
                            ? null
                            : Protocols.name(r.intValue(FlowField.PROTOCOL));
                case "source":
                    return endpoint(r.stringValue(FlowField.SRCADDR), r.intValue(FlowField.SRCPORT));
                case "destination":
                    return endpoint(r.stringValue(FlowField.DSTADDR), r.intValue(FlowField.DSTPORT));
                case "evidence":
                    return r.path() + ":" + r.line();
                default:
                    throw new AssertionError(extra);
            }
        }
    }

    static String endpoint(String address, Integer port) {
        if (address == null) {
            return null;
        }
        String a = address.indexOf(':') >= 0 && port != null ? "[" + address + "]" : address;
        return port == null ? a : a + ":" + port;
    }

    private static List<Column> readableColumns() {
        return List.of(
                new Column("time", null, "time"),
                new Column("eni", null, "eni"),
                new Column("protocol", null, "protocol-name"),
                new Column("source", null, "source"),
                new Column("destination", null, "destination"),
                new Column("packets", FlowField.PACKETS, null),
                new Column("bytes", FlowField.BYTES, null),
                new Column("action", FlowField.ACTION, null),
                new Column("status", FlowField.LOG_STATUS, null),
                new Column("evidence", null, "evidence"));
    }

    /** AWS field names of every field the found records' formats have, in AWS order, then file and line. */
    private static List<Column> awsColumns(List<FlowFormat> formats, boolean withMessage) {
        Set<FlowField> present = EnumSet.noneOf(FlowField.class);
        for (FlowFormat f : formats) {
            present.addAll(f.knownFields());
        }
        if (present.isEmpty()) {
            for (FormatField f : dev.flowlens.core.format.FlowFormat.DEFAULT_V2.fields()) {
                present.add(f.field());
            }
        }
        List<Column> cols = new ArrayList<>();
        for (FlowField f : present) {
            cols.add(new Column(f.awsName(), f, null));
        }
        if (withMessage) {
            cols.add(new Column("message", null, "message"));
        }
        cols.add(new Column("file", null, "file"));
        cols.add(new Column("line", null, "line"));
        return cols;
    }

    private static List<Column> columns(List<String> names) {
        List<Column> cols = new ArrayList<>();
        for (String raw : names) {
            String n = raw.trim();
            if (n.isEmpty()) {
                continue;
            }
            String lower = n.toLowerCase(Locale.ROOT);
            if (EXTRA_FIELDS.contains(lower)) {
                cols.add(new Column(lower, null, lower));
                continue;
            }
            FlowField f = FlowField.byName(n)
                    .orElseThrow(() -> new FlowlensException(
                            ErrorCode.UNKNOWN_FIELD,
                            "unknown field '" + n
                                    + "' in --fields: use flow log field names (srcaddr, dstport, log-status, ...) or "
                                    + String.join(", ", EXTRA_FIELDS)));
            cols.add(new Column(f.awsName(), f, null));
        }
        if (cols.isEmpty()) {
            throw new FlowlensException(ErrorCode.INVALID_ARGUMENT, "--fields needs at least one field name");
        }
        return cols;
    }
}
