package dev.flowlens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.testing.ChildJvm;
import dev.flowlens.store.query.SqlRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a file that is not a Flowlens workspace is a NOT_A_WORKSPACE error naming the file, in
 * every way a command opens one, and the file is left as it was; DuckDB never gets to open a SQLite
 * file (it would fetch its extension) and no connection may auto-install or auto-load extensions.
 * A workspace held by another process is WORKSPACE_BUSY naming that process.
 */
class TestWorkspaceOpen {
    @TempDir
    Path tmp;

    private static final String[] WAYS = {"open", "openReadOnly", "openForQueries", "SqlRunner"};

    private static void openEveryWay(Path file, ThrowingConsumer<FlowlensException> check) throws Throwable {
        for (String way : WAYS) {
            try {
                switch (way) {
                    case "open" -> Workspace.open(file).close();
                    case "openReadOnly" -> Workspace.openReadOnly(file).close();
                    case "openForQueries" -> Workspace.openForQueries(file).close();
                    default -> SqlRunner.open(file).close();
                }
                throw new AssertionError(way + " opened " + file);
            } catch (FlowlensException e) {
                check.accept(e);
            }
        }
    }

    private void refusedUnchanged(Path file, String why) throws Throwable {
        byte[] before = Files.readAllBytes(file);
        openEveryWay(file, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_WORKSPACE);
            assertThat(e.getMessage())
                    .contains(file.toAbsolutePath().toString())
                    .contains("is not a Flowlens workspace")
                    .contains(why);
        });
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.exists(Path.of(file + ".wal"))).isFalse();
    }

    @Test
    void sqliteFileIsRefusedBeforeDuckDbSeesIt() throws Throwable {
        byte[] page = new byte[4096];
        byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, page, 0, magic.length);
        page[16] = 0x10; // page size 4096, as SQLite writes it
        Path f = tmp.resolve("data.sqlite");
        Files.write(f, page);
        refusedUnchanged(f, "SQLite database");
    }

    @Test
    void randomBytesTextAndEmptyFilesAreRefused() throws Throwable {
        byte[] noise = new byte[10_000];
        new Random(7).nextBytes(noise);
        Files.write(tmp.resolve("noise.bin"), noise);
        refusedUnchanged(tmp.resolve("noise.bin"), "not a DuckDB database file");
        Files.writeString(
                tmp.resolve("notes.txt"), "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1 2 ACCEPT OK\n");
        refusedUnchanged(tmp.resolve("notes.txt"), "not a DuckDB database file");
        Files.write(tmp.resolve("empty.db"), new byte[0]);
        refusedUnchanged(tmp.resolve("empty.db"), "the file is empty");
    }

    @Test
    void aFolderIsRefused() throws Throwable {
        Path dir = Files.createDirectory(tmp.resolve("dir.db"));
        openEveryWay(dir, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_WORKSPACE));
    }

    @Test
    void aDuckDbFileWithOtherTablesIsRefusedAndNotWrittenTo() throws Throwable {
        Path f = tmp.resolve("other.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + f);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)");
            st.execute("INSERT INTO customers VALUES (1, 'a')");
        }
        refusedUnchanged(f, "without Flowlens tables");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + f);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM duckdb_tables()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("customers");
        }
    }

    @Test
    void anEmptyDuckDbDatabaseBecomesAWorkspaceButIsNotReadAsOne() throws Exception {
        Path f = tmp.resolve("fresh.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + f)) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThatThrownBy(() -> Workspace.openReadOnly(f))
                .isInstanceOfSatisfying(
                        FlowlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_WORKSPACE));
        Workspace.open(f).close();
        Workspace.openReadOnly(f).close();
    }

    @Test
    void noConnectionInstallsOrLoadsExtensions() throws Exception {
        Path f = tmp.resolve("ws.db");
        Workspace.open(f).close();
        for (boolean readOnly : new boolean[] {false, true}) {
            try (Workspace ws = readOnly ? Workspace.openForQueries(f) : Workspace.open(f);
                    Connection dup = ws.newConnection();
                    Statement st = dup.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions'),"
                                    + " current_setting('allow_community_extensions')")) {
                rs.next();
                assertThat(Arrays.asList(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)))
                        .containsOnly(false);
            }
        }
    }

    @Test
    void aWorkspaceHeldByAnotherProcessIsBusyWithItsPid() throws Throwable {
        Path f = tmp.resolve("busy.db");
        Workspace.open(f).close();
        Process p = ChildJvm.of(tmp, "128m", HoldWorkspaceChild.class, f.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready busy.db");
            openEveryWay(f, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.WORKSPACE_BUSY);
                assertThat(e.getMessage())
                        .contains(f.toAbsolutePath().toString())
                        .contains("(PID " + p.pid() + ")")
                        .contains("wait for it to finish, or stop it (kill " + p.pid() + ")")
                        .doesNotContain("-readonly")
                        .doesNotContain("duckdb.org");
            });
        } finally {
            p.getOutputStream().close();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        Workspace.openReadOnly(f).close(); // free again
    }
}
