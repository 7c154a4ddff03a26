package dev.flowlens.cli.command;

import dev.flowlens.cli.OptionChecks;
import dev.flowlens.cli.WorkspaceOption;
import dev.flowlens.cli.output.OutputFormat;
import dev.flowlens.cli.output.Printer;
import dev.flowlens.cli.output.Table;
import dev.flowlens.store.query.QueryResult;
import dev.flowlens.store.query.SqlRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run one read-only SQL query over the workspace. The table flows has the Athena column names (srcaddr, log_status, \"end\", ...).")
public final class SqlCommand implements Callable<Integer> {
    @Mixin
    WorkspaceOption workspace;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table, csv, json or jsonl (default: table).")
    OutputFormat output = OutputFormat.TABLE;

    @Option(names = "--max-rows", paramLabel = "N", description = "Print at most N rows (default: 10000).")
    int maxRows = 10_000;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. 'SELECT srcaddr, sum(bytes) FROM flows GROUP BY 1 ORDER BY 2 DESC LIMIT 10'.")
    String sql;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionChecks.positive(maxRows, "--max-rows");
        QueryResult r;
        try (SqlRunner runner = SqlRunner.open(workspace.path())) {
            r = runner.run(sql, maxRows);
        }
        new Printer(spec.commandLine().getOut()).print(new Table(r.columns(), r.rows()), output);
        if (r.rows().size() == maxRows) {
            spec.commandLine().getErr().println("flowlens: showing the first " + maxRows + " rows; raise --max-rows or add LIMIT to see more");
            spec.commandLine().getErr().flush();
        }
        return 0;
    }
}
