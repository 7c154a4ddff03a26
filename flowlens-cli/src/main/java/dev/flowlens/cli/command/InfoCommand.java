package dev.flowlens.cli.command;

import dev.flowlens.options.OutputOption;
import dev.flowlens.store.Catalog;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "info", description = "Show what the workspace holds: files, records, time span, formats.")
public final class InfoCommand extends WorkspaceCommand {
    @Mixin
    OutputOption output;

    @Override
    protected int run(PrintWriter out) throws Exception {
        Catalog.Info info = readOnly(c -> new Catalog(c).info());
        Catalog.InfoDocument doc =
                Catalog.InfoDocument.of(workspace.path().toAbsolutePath().toString(), info);
        if (output.json()) {
            printer().printJson(doc);
        } else {
            out.printf("Workspace  %s%n", doc.workspace());
            out.printf(
                    "Files      %,d%s%n",
                    info.files(), info.partialFiles() > 0 ? " (" + info.partialFiles() + " loaded in part)" : "");
            out.printf("Records    %,d%n", info.records());
            out.printf("Bad lines  %,d%n", info.badLines());
            out.printf("Streams    %,d%n", info.streams());
            out.printf(
                    "Time span  %s .. %s%n",
                    doc.first() == null ? "-" : doc.first(), doc.last() == null ? "-" : doc.last());
            out.println("Formats");
            for (String f : info.formats()) {
                out.println("  " + f);
            }
        }
        return 0;
    }
}
