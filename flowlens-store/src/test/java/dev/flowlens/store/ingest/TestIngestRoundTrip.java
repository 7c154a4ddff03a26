package dev.flowlens.store.ingest;

import static dev.flowlens.store.ingest.IngestTesting.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.format.FlowField;
import dev.flowlens.core.format.FlowFormat;
import dev.flowlens.core.format.FormatField;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded property test: random valid records in random formats (random field subsets and orders,
 * sometimes an unknown field) written as plain text with a header line, as gzip with a header line,
 * as text without a header read with {@link IngestOptions#format()}, and as Parquet (written by
 * DuckDB, with the physical types producers use), all load into the workspace unchanged.
 */
class TestIngestRoundTrip {
    private static final long SEED = Long.getLong("flowlens.seed", 20240501L);
    private static final int TRIALS = Integer.getInteger("flowlens.trials", 12);

    @TempDir
    Path tmp;

    private static IngestSummary load(Path db, FlowFormat format, List<Path> paths, boolean setters) throws Exception {
        IngestOptions options = new IngestOptions(format, false, 2, 64);
        return IngestTesting.ingestWith(db, setters ? options.withSetters() : options, paths);
    }

    /** One generated record: a value per format position (Long, String, or null for '-'). */
    private record Case(FlowFormat format, List<Object[]> rows) {}

    @Test
    void randomRecordsRoundTripThroughTextGzipAndParquet() throws Exception {
        roundTrip(SEED, TRIALS, "ws.db", false);
    }

    /** The same with the vector setters of DuckDB's Java API instead of direct buffer writes. */
    @Test
    void theVectorSettersWriteTheSameRows() throws Exception {
        roundTrip(SEED + 1, 8, "setters.db", true);
    }

    private void roundTrip(long seed, int trials, String dbName, boolean setters) throws Exception {
        Random random = new Random(seed);
        Path db = tmp.resolve(dbName);
        int checkedRows = 0;
        for (int trial = 0; trial < trials; trial++) {
            Case c = randomCase(random);
            String where = "seed " + seed + " trial " + trial + " format ["
                    + c.format().headerLine() + "]";
            Path text = tmp.resolve("t" + trial + "-header.log");
            Path gzip = tmp.resolve("t" + trial + "-header.log.gz");
            Path bare = tmp.resolve("t" + trial + "-bare.txt");
            Path parquet = tmp.resolve("t" + trial + ".parquet");
            byte[] withHeader = render(c, true, random);
            Files.write(text, withHeader);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
                out.write(render(c, true, random));
            }
            Files.write(bare, render(c, false, random));
            writeParquet(tmp.resolve("parquet-writer.db"), c, parquet, random);

            IngestSummary s1 = load(db, null, List.of(text, gzip, parquet), setters);
            assertThat(s1.badLines()).as(where + " " + s1.sampleProblems()).isZero();
            assertThat(s1.filesLoaded()).as(where + " " + s1.failures()).isEqualTo(3);
            IngestSummary s2 = load(db, c.format(), List.of(bare), setters);
            assertThat(s2.badLines()).as(where + " " + s2.sampleProblems()).isZero();
            assertThat(s2.filesLoaded()).as(where).isEqualTo(1);

            checkedRows += check(db, text, c, where + " text");
            check(db, gzip, c, where + " gzip");
            check(db, bare, c, where + " no header, --format");
            check(db, parquet, c, where + " parquet");
        }
        assertThat(checkedRows).isGreaterThan(trials);
    }

    private int check(Path db, Path file, Case c, String where) throws SQLException {
        List<Map<String, Object>> rows = query(
                db,
                "SELECT f.* FROM flows f JOIN files USING (file_id) WHERE files.path = ? ORDER BY f.line",
                file.toAbsolutePath().normalize().toString());
        assertThat(rows).as(where).hasSize(c.rows().size());
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> row = rows.get(r);
            Object[] want = c.rows().get(r);
            for (int i = 0; i < c.format().size(); i++) {
                FormatField f = c.format().get(i);
                assertThat(row.get(f.column()))
                        .as("%s row %d field %s", where, r, f.name())
                        .isEqualTo(want[i]);
            }
            for (FlowField f : FlowField.values()) {
                if (!c.format().contains(f)) {
                    assertThat(row.get(f.column()))
                            .as("%s row %d: %s is not in the format", where, r, f.column())
                            .isNull();
                }
            }
        }
        return rows.size();
    }

    // ---- generation ----

    private static Case randomCase(Random r) {
        List<FlowField> all = new ArrayList<>(Arrays.asList(FlowField.values()));
        Collections.shuffle(all, r);
        int n = 1 + r.nextInt(r.nextInt(4) == 0 ? all.size() : 16);
        List<FormatField> fields = new ArrayList<>();
        for (FlowField f : all.subList(0, n)) {
            fields.add(FormatField.known(f));
        }
        if (r.nextInt(4) == 0) {
            // an unknown field in the header: kept as an x_ text column, not fatal
            fields.add(r.nextInt(fields.size() + 1), FormatField.unknown("custom-field-" + r.nextInt(3)));
        }
        FlowFormat format = new FlowFormat(fields);
        int count = 1 + r.nextInt(r.nextInt(5) == 0 ? 300 : 20);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object[] row = new Object[fields.size()];
            for (int k = 0; k < row.length; k++) {
                row[k] = r.nextInt(8) == 0 ? null : value(fields.get(k), r);
            }
            rows.add(row);
        }
        return new Case(format, rows);
    }

    private static Object value(FormatField f, Random r) {
        if (!f.isKnown()) {
            return text(r);
        }
        FlowField field = f.field();
        if (field == FlowField.SRCPORT || field == FlowField.DSTPORT) {
            return (long) r.nextInt(65536);
        }
        switch (field.type()) {
            case INT:
                return r.nextBoolean() ? (long) r.nextInt(256) : (long) r.nextInt(Integer.MAX_VALUE);
            case LONG:
                return r.nextBoolean() ? (long) r.nextInt(100_000) : r.nextLong() >>> (1 + r.nextInt(20));
            case EPOCH_SECONDS:
                return 1_000_000_000L + r.nextInt(1_000_000_000);
            case ADDRESS:
                return r.nextBoolean() ? ipv4(r) : ipv6(r);
            case TEXT:
                return text(r);
            default:
                throw new AssertionError(field.type());
        }
    }

    private static String ipv4(Random r) {
        return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    private static String ipv6(Random r) {
        switch (r.nextInt(3)) {
            case 0: {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 8; i++) {
                    b.append(i == 0 ? "" : ":").append(Integer.toHexString(r.nextInt(65536)));
                }
                return b.toString();
            }
            case 1:
                return "2001:db8:" + Integer.toHexString(r.nextInt(65536)) + "::"
                        + Integer.toHexString(1 + r.nextInt(65535));
            default:
                return "::ffff:" + ipv4(r);
        }
    }

    private static final String[] PREFIXES = {
        "eni-", "vpc-", "subnet-", "i-", "tgw-attach-", "arn:aws:ecs:us-east-1:123456789012:task/", "", "nat-"
    };
    private static final String[] WORDS = {
        "ACCEPT",
        "REJECT",
        "OK",
        "NODATA",
        "SKIPDATA",
        "IPv4",
        "IPv6",
        "ingress",
        "egress",
        "S3",
        "us-east-1",
        "use1-az1",
        "BPA",
        "TransitGateway",
        "unknown",
        "012345678901",
        "nat_gateway",
        "my-asg"
    };

    private static String text(Random r) {
        if (r.nextBoolean()) {
            return WORDS[r.nextInt(WORDS.length)];
        }
        StringBuilder b = new StringBuilder(PREFIXES[r.nextInt(PREFIXES.length)]);
        int len = 1 + r.nextInt(17);
        for (int i = 0; i < len; i++) {
            b.append(Character.forDigit(r.nextInt(16), 16));
        }
        if (r.nextInt(10) == 0) {
            b.append('б'); // a non-ASCII byte in an id, as seen in the wild (E13)
        }
        return b.toString();
    }

    // ---- rendering ----

    /** Text with random runs of spaces/tabs, CRLF or LF, blank and comment lines, the header repeated. */
    private static byte[] render(Case c, boolean header, Random r) {
        StringBuilder b = new StringBuilder();
        String eol = r.nextInt(4) == 0 ? "\r\n" : "\n";
        if (header) {
            b.append(c.format().headerLine()).append(eol);
        }
        for (int i = 0; i < c.rows().size(); i++) {
            Object[] row = c.rows().get(i);
            for (int k = 0; k < row.length; k++) {
                if (k > 0) {
                    b.append(r.nextInt(10) == 0 ? (r.nextBoolean() ? "  " : "\t") : " ");
                }
                b.append(row[k] == null ? "-" : row[k].toString());
            }
            if (r.nextInt(20) == 0) {
                b.append(' ');
            }
            b.append(eol);
        }
        if (!c.rows().isEmpty() && r.nextInt(3) == 0) {
            // a missing newline at the end of the file
            b.setLength(b.length() - eol.length());
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the case as Parquet with DuckDB, with the physical types a random producer would choose. */
    private static void writeParquet(Path writerDb, Case c, Path parquet, Random r) throws SQLException, IOException {
        Files.deleteIfExists(parquet);
        StringBuilder select = new StringBuilder("SELECT ");
        StringBuilder values = new StringBuilder();
        FlowFormat format = c.format();
        String[] types = new String[format.size()];
        for (int k = 0; k < format.size(); k++) {
            FormatField f = format.get(k);
            boolean numeric = f.isKnown() && f.field().isNumeric();
            types[k] = !numeric
                    ? "VARCHAR"
                    : switch (r.nextInt(4)) {
                        case 0 -> "VARCHAR"; // ports as strings (flowlogs-reader)
                        case 1 -> "BIGINT"; // all INT64 (fastparquet)
                        default -> f.field().type() == dev.flowlens.core.format.FieldType.INT ? "INTEGER" : "BIGINT";
                    };
            // Parquet column names as AWS writes them: the underscore form; unknown names as written
            String name = f.isKnown() ? f.field().column() : f.name().replace('-', '_');
            select.append(k == 0 ? "" : ", ")
                    .append("CAST(c")
                    .append(k)
                    .append(" AS ")
                    .append(types[k])
                    .append(") AS \"")
                    .append(name)
                    .append('"');
        }
        for (int i = 0; i < c.rows().size(); i++) {
            Object[] row = c.rows().get(i);
            values.append(i == 0 ? "" : ", ").append('(');
            for (int k = 0; k < row.length; k++) {
                values.append(k == 0 ? "" : ", ");
                if (row[k] == null) {
                    // producers write absent values as NULL or as the text '-'
                    values.append(types[k].equals("VARCHAR") && r.nextBoolean() ? "'-'" : "NULL");
                } else if (row[k] instanceof Long l) {
                    values.append(types[k].equals("VARCHAR") ? "'" + l + "'" : l + "::BIGINT");
                } else {
                    values.append('\'')
                            .append(row[k].toString().replace("'", "''"))
                            .append('\'');
                }
            }
            values.append(')');
        }
        StringBuilder cols = new StringBuilder();
        for (int k = 0; k < format.size(); k++) {
            cols.append(k == 0 ? "" : ", ").append('c').append(k);
        }
        String sql = "COPY (" + select + " FROM (VALUES " + values + ") v(" + cols + ")) TO '"
                + parquet.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet)";
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }
}
