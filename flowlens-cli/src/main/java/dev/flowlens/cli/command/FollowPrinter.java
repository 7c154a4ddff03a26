package dev.flowlens.cli.command;

import dev.flowlens.cli.output.TerminalText;
import dev.flowlens.cli.output.Times;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.format.FlowField;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.query.QueryControl;
import dev.flowlens.store.search.FlowRow;
import dev.flowlens.store.search.FlowSearch;
import dev.flowlens.store.search.SearchRequest;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@code ingest cloudwatch: --follow} prints: after each batch is committed, the records of
 * its inputs that match {@code search}'s filters ({@code --src}, {@code --action}, ...), found in
 * the workspace as {@code search} finds them (the same conditions), ordered by start time.
 */
final class FollowPrinter implements CloudWatchLoader.Committed {
    private final Workspace ws;
    private final FlowFilter filter;
    private final Consumer<FlowRow> sink;

    FollowPrinter(Workspace ws, FlowFilter filter, Consumer<FlowRow> sink) {
        this.ws = ws;
        this.filter = filter;
        this.sink = sink;
    }

    /** Prints each record as {@code TIME STREAM MESSAGE}, terminal controls escaped. */
    static Consumer<FlowRow> lines(PrintWriter out) {
        return r -> {
            Long start = r.longValue(FlowField.START);
            out.println((start == null ? "-" : Times.iso(start)) + " " + TerminalText.escape(r.logStream()) + " "
                    + TerminalText.escape(r.message()));
            out.flush();
        };
    }

    @Override
    public void inputs(List<String> locations) {
        try (QueryControl control = QueryControl.untimed()) {
            new FlowSearch(ws.connection())
                    .stream(new SearchRequest(filter, null, Integer.MAX_VALUE, locations), sink, control);
        }
    }
}
