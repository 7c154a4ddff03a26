package dev.flowlens.cli.command;

import static dev.flowlens.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.cli.CliRun.Result;
import java.nio.file.Path;

/**
 * The demo as {@code flowlens demo} makes it, in a folder: its workspace, its logs under
 * {@code demo-flowlogs} and its AWS configuration under {@code demo-config}.
 */
record DemoWorkspace(Path dir, String db, String config) {
    static DemoWorkspace create(Path dir) {
        String db = dir.resolve("demo.db").toString();
        String config = dir.resolve("demo-config").toString();
        Result r = run("demo", "--db", db, "--dir", dir.resolve("demo-flowlogs").toString(), "--config-dir", config);
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        return new DemoWorkspace(dir, db, config);
    }
}
