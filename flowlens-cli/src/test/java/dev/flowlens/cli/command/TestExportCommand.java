package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun.Result;
import dev.flowlens.core.testing.TestFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestExportCommand {
    @RegisterExtension
    static final DemoWorkspace DEMO = new DemoWorkspace();

    @Test
    void writesTheDemoAsALakeOfHourlyFilesAndPrintsTheAthenaTable() throws Exception {
        Result r = export("lake", "--table", "demo.flows", "--location", "s3://bucket/lake");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("CREATE EXTERNAL TABLE IF NOT EXISTS demo.flows (", "LOCATION 's3://bucket/lake/flows/'");
        assertThat(TestFolders.parquetFolders(lake("lake")))
                .containsExactly(
                        "flows/aws_account_id=123456789012/aws_region=us-east-1/date=2026-11-20/hour=10",
                        "flows/aws_account_id=123456789012/aws_region=us-east-1/date=2026-11-20/hour=11");
        Result again = export("lake");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("a lake is already at");
    }

    @Test
    void ingestReadsAnExportedLakeBackOnce() throws Exception {
        assertThat(export("lake-to-read").code()).isZero();
        String folder = lake("lake-to-read").toString();
        String copy = DEMO.dir().resolve("from-lake.db").toString();
        Result first = run("ingest", "--db", copy, "--quiet", "-o", "json", folder);
        assertThat(first.code()).as(first.err()).isZero();
        Result again = run("ingest", "--db", copy, "--quiet", "-o", "json", folder);
        assertThat(again.code()).as(again.err()).isZero();
        String count = "SELECT count(*) AS n, count(DISTINCT file_id) AS files FROM flows";
        Result demo = run("sql", "--db", DEMO.db(), "-o", "json", count);
        Result read = run("sql", "--db", copy, "-o", "json", count);
        assertThat(read.json()).isEqualTo(demo.json());
        assertThat(first.json().get("records").asLong())
                .isEqualTo(demo.json().get(0).get("n").asLong());
        assertThat(again.json().get("records").asLong()).isZero();
        assertThat(again.json().get("files_loaded").asLong()).isZero();
    }

    @Test
    void aTableNameThatIsNotOneIsAUsageError() {
        Result r = export("other", "--table", "x; DROP TABLE y");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is not a table name");
    }

    /** The folder {@code name} in the test's directory. */
    private static Path lake(String name) {
        return DEMO.dir().resolve(name);
    }

    /** {@code flowlens export} of the demo workspace into {@link #lake(String) lake(name)}, with {@code options}. */
    private static Result export(String name, String... options) {
        List<String> args = new ArrayList<>(
                List.of("export", "--db", DEMO.db(), "--lake", lake(name).toString()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }
}
