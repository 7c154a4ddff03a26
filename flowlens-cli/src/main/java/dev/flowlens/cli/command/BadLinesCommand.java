package dev.flowlens.cli.command;

import dev.flowlens.cli.output.Table;
import dev.flowlens.options.ListingOptions;
import dev.flowlens.store.Catalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "bad-lines",
        description = "List the lines that could not be read, with file, line number, field and reason.")
public final class BadLinesCommand extends WorkspaceCommand {
    @Mixin
    ListingOptions listing = new ListingOptions(1000);

    @Parameters(arity = "0..1", paramLabel = "PATH-PART", descriptionKey = "path-part")
    String pathPart;

    @Override
    protected int run(PrintWriter out) throws Exception {
        Found found = readOnly(c -> {
            Catalog catalog = new Catalog(c);
            return new Found(catalog.badLines(pathPart, listing.limit()), catalog.badLineCount());
        });
        List<Catalog.BadLine> lines = found.lines();
        long total = found.total();
        List<List<Object>> rows = new ArrayList<>();
        for (Catalog.BadLine b : lines) {
            rows.add(Arrays.asList(b.path(), b.line(), b.field(), b.reason(), b.text()));
        }
        printer().print(new Table(List.of("file", "line", "field", "reason", "text"), rows), listing.format());
        if (listing.tabular() && total > lines.size()) {
            out.println("(" + lines.size() + " of " + total + " shown; use --limit)");
        }
        return 0;
    }

    /** The lines shown and how many there are. */
    private record Found(List<Catalog.BadLine> lines, long total) {}
}
