package dev.flowlens.cli.command;

import dev.flowlens.cli.ErrorMapper;
import dev.flowlens.cli.output.Table;
import dev.flowlens.options.OutputFormat;
import dev.flowlens.options.OutputOption;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.check.WorkspaceCheck;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "check",
        description = {
            "Check the workspace invariant: every record and bad line belongs to exactly one loaded file, each file holds "
                    + "exactly the rows its catalog entry counts, and no content or path is loaded twice.",
            "Exit code 0 when it holds, 1 with the list of problems when it does not."
        })
public final class CheckCommand extends WorkspaceCommand {
    @Option(names = "--repair")
    boolean repair;

    @Mixin
    OutputOption output;

    @Override
    protected int run(PrintWriter out) throws Exception {
        List<WorkspaceCheck.Problem> found;
        List<WorkspaceCheck.Problem> left;
        WorkspaceCheck.Repair repaired = null;
        try (Workspace ws = repair ? workspace.open() : workspace.openReadOnly()) {
            WorkspaceCheck check = new WorkspaceCheck(ws.connection());
            found = check.problems();
            if (repair && !found.isEmpty()) {
                repaired = check.repair();
                left = check.problems();
            } else {
                left = found;
            }
        }
        if (output.json()) {
            printer()
                    .printJson(
                            new WorkspaceCheck.Report(left.isEmpty(), found, repaired, repaired == null ? null : left));
        } else {
            if (found.isEmpty()) {
                out.println(
                        "The workspace is consistent: every row belongs to one loaded file and every count agrees.");
            } else {
                out.println(found.size() + (found.size() == 1 ? " problem:" : " problems:"));
                printer()
                        .print(
                                new Table(List.of("problem", "file_id", "path", "rows", "detail"), tableRows(found)),
                                OutputFormat.TABLE);
            }
            if (repaired != null) {
                out.printf(
                        "Repaired: removed %,d records, %,d bad lines and %,d files (load those files again with flowlens ingest).%n",
                        repaired.recordsRemoved(), repaired.badLinesRemoved(), repaired.filesRemoved());
                out.println(left.isEmpty() ? "The workspace is now consistent." : left.size() + " problems remain.");
            } else if (!found.isEmpty()) {
                out.println("Run 'flowlens check --repair' to remove what no file accounts for.");
            }
        }
        return left.isEmpty() ? 0 : ErrorMapper.EXIT_FAILED;
    }

    private static List<List<Object>> tableRows(List<WorkspaceCheck.Problem> problems) {
        List<List<Object>> out = new ArrayList<>();
        for (WorkspaceCheck.Problem p : problems) {
            out.add(Arrays.asList(p.kind().name(), p.fileId(), p.path(), p.rows(), p.detail()));
        }
        return out;
    }
}
