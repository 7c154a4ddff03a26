package dev.flowlens.cli.command;

import dev.flowlens.cli.LimitOption;
import dev.flowlens.cli.OutputOption;
import dev.flowlens.cli.WorkspaceOption;
import dev.flowlens.cli.output.OutputFormat;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.Table;
import dev.flowlens.store.Catalog;
import dev.flowlens.store.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "bad-lines",
        mixinStandardHelpOptions = true,
        description = "List the lines that could not be read, with file, line number, field and reason.")
public final class BadLinesCommand implements Callable<Integer> {
    @Mixin
    WorkspaceOption workspace;

    @Mixin
    OutputOption output;

    @Mixin
    LimitOption limit = new LimitOption(1000);

    @Parameters(arity = "0..1", paramLabel = "PATH-PART", description = "Only files whose path contains this text.")
    String pathPart;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        limit.value();
        List<Catalog.BadLine> lines;
        long total;
        try (Workspace ws = Workspace.openReadOnly(workspace.path())) {
            Catalog c = new Catalog(ws.connection());
            lines = c.badLines(pathPart, limit.value());
            total = c.badLineCount();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Catalog.BadLine b : lines) {
            rows.add(Arrays.asList(b.path(), b.line(), b.field(), b.reason(), b.text()));
        }
        Printer p = new Printer(spec.commandLine().getOut());
        p.print(new Table(List.of("file", "line", "field", "reason", "text"), rows), output.format());
        if ((output.format() == OutputFormat.TABLE || output.format() == OutputFormat.TEXT) && total > lines.size()) {
            spec.commandLine().getOut().println("(" + lines.size() + " of " + total + " shown; use --limit)");
        }
        return 0;
    }
}
