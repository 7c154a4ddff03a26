package dev.flowlens.cli.command;

import dev.flowlens.cli.OutputOption;
import dev.flowlens.cli.WorkspaceOption;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.Times;
import dev.flowlens.store.Catalog;
import dev.flowlens.store.Workspace;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Show what the workspace holds: files, records, time span, formats.")
public final class InfoCommand implements Callable<Integer> {
    @Mixin
    WorkspaceOption workspace;

    @Mixin
    OutputOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Catalog.Info info;
        try (Workspace ws = Workspace.openReadOnly(workspace.path())) {
            info = new Catalog(ws.connection()).info();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workspace", workspace.path().toAbsolutePath().toString());
        m.put("files", info.files());
        m.put("records", info.records());
        m.put("bad_lines", info.badLines());
        m.put("first", Times.iso(info.first()));
        m.put("last", Times.iso(info.last()));
        m.put("streams", info.streams());
        m.put("partial_files", info.partialFiles());
        m.put("formats", info.formats());
        if (output.json()) {
            new Printer(out).printJson(m);
        } else {
            out.printf("Workspace  %s%n", m.get("workspace"));
            out.printf(
                    "Files      %,d%s%n",
                    info.files(), info.partialFiles() > 0 ? " (" + info.partialFiles() + " loaded in part)" : "");
            out.printf("Records    %,d%n", info.records());
            out.printf("Bad lines  %,d%n", info.badLines());
            out.printf("Streams    %,d%n", info.streams());
            out.printf(
                    "Time span  %s .. %s%n",
                    m.get("first") == null ? "-" : m.get("first"), m.get("last") == null ? "-" : m.get("last"));
            out.println("Formats");
            for (String f : info.formats()) {
                out.println("  " + f);
            }
        }
        out.flush();
        return 0;
    }
}
