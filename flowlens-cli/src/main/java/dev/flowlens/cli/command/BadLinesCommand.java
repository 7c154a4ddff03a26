package dev.flowlens.cli.command;

import dev.flowlens.cli.output.Table;
import dev.flowlens.options.ListingOptions;
import dev.flowlens.store.Catalog;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "bad-lines",
        description = {
            "List the lines that could not be read, with file, line number, field and reason;",
            "--by-reason counts them by file and reason instead."
        })
public final class BadLinesCommand extends WorkspaceCommand {
    @Mixin
    ListingOptions listing = new ListingOptions(1000);

    @Parameters(arity = "0..1", paramLabel = "PATH-PART", descriptionKey = "path-part")
    String pathPart;

    @Option(names = "--by-reason", descriptionKey = "bad-lines.by-reason")
    boolean byReason;

    @Override
    protected int run(PrintWriter out) throws Exception {
        Listed listed = readOnly(c -> byReason ? reasons(new Catalog(c)) : lines(new Catalog(c)));
        printer().print(listed.table(), listing.format());
        long shown = listed.table().rows().size();
        if (listing.tabular() && listed.total() > shown) {
            out.println("(" + shown + " of " + listed.total() + " shown; use --limit)");
        }
        return 0;
    }

    private Listed lines(Catalog catalog) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        for (Catalog.BadLine b : catalog.badLines(pathPart, listing.limit())) {
            rows.add(Arrays.asList(b.path(), b.line(), b.field(), b.reason(), b.text()));
        }
        return new Listed(
                new Table(List.of("file", "line", "field", "reason", "text"), rows), catalog.badLineCount(pathPart));
    }

    private Listed reasons(Catalog catalog) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        for (Catalog.BadLineReason r : catalog.badLineReasons(pathPart, listing.limit())) {
            rows.add(Arrays.asList(r.path(), r.reason(), r.lines(), r.firstLine()));
        }
        return new Listed(
                new Table(List.of("file", "reason", "lines", "first_line"), rows),
                catalog.badLineReasonCount(pathPart));
    }

    /** The table to print and how many rows there are in all (more than it holds when --limit cut it). */
    private record Listed(Table table, long total) {}
}
