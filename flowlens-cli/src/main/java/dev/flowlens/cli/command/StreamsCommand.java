package dev.flowlens.cli.command;

import dev.flowlens.cli.output.Table;
import dev.flowlens.options.ListingOptions;
import dev.flowlens.store.Catalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "streams",
        description =
                "List the log streams (one per network interface, as the CloudWatch console shows them) with first and last record time and counts.")
public final class StreamsCommand extends WorkspaceCommand {
    @Mixin
    ListingOptions listing = new ListingOptions(10000);

    @Parameters(arity = "0..1", paramLabel = "PREFIX", descriptionKey = "prefix")
    String prefix;

    @Override
    protected int run(PrintWriter out) throws Exception {
        List<Catalog.Stream> streams = readOnly(c -> new Catalog(c).streams(prefix, listing.limit()));
        List<List<Object>> rows = new ArrayList<>();
        for (Catalog.Stream s : streams) {
            rows.add(s.values());
        }
        printer().print(new Table(Catalog.Stream.COLUMNS, rows), listing.format());
        return 0;
    }
}
