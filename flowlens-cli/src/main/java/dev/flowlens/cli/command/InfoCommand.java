package dev.flowlens.cli.command;

import dev.flowlens.cli.output.Times;
import dev.flowlens.options.OutputOption;
import dev.flowlens.store.Catalog;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "info", description = "Show what the workspace holds: files, records, time span, formats.")
public final class InfoCommand extends WorkspaceCommand {
    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        Catalog.Info info = readOnly(c -> new Catalog(c).info());
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
            printer().printJson(m);
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
