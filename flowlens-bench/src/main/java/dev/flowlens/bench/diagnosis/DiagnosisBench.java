package dev.flowlens.bench.diagnosis;

import dev.flowlens.bench.FlowsColumns;
import dev.flowlens.core.diagnosis.ConversationRanking;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.diagnosis.Verdict;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.net.Ipv4;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.diagnosis.ConversationStore;
import dev.flowlens.store.diagnosis.DiagnosisService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * End-to-end benchmark of {@code diagnose} and {@code conversations} on a synthetic workspace filled
 * with DuckDB SQL, each against a hand-written DuckDB self-join pairing the same flows, in the same
 * run. Usage: {@code DiagnosisBench WORKSPACE ROWS [RUNS]}; the workspace is created when missing.
 * Every conversation has a request and a reply record (ESTABLISHED), except every 1000th whose reply
 * is REJECT (REJECTED_RESPONSE); the run first checks that the diagnosis decodes the data.
 */
public final class DiagnosisBench {
    private DiagnosisBench() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (!Files.exists(db)) {
            long t = System.nanoTime();
            try (Workspace ws = Workspace.open(db)) {
                fill(ws, rows);
            }
            System.out.printf("filled %,d rows in %.1f s%n", rows, (System.nanoTime() - t) / 1e9);
        }
        try (Workspace ws = Workspace.openReadOnly(db)) {
            long count;
            try (Statement st = ws.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM flows")) {
                rs.next();
                count = rs.getLong(1);
            }
            long conv = (count / 2) / 3 * 1000; // a conversation with a rejected reply in the middle of the table
            String client = client(conv);
            String server = server(conv);
            int port = port(conv);
            DiagnosisRequest request =
                    new DiagnosisRequest(Cidr.parse(client), Cidr.parse(server), port, 6, null, null);
            DiagnosisService service = new DiagnosisService(ws.connection(), NetworkConfig.EMPTY, Clock.systemUTC());
            Diagnosis check = service.diagnose(request);
            if (check.verdict() != Verdict.REJECTED_RESPONSE
                    || check.attempts().stream()
                            .anyMatch(a -> a.conversation().flows().size() != 2)) {
                throw new IllegalStateException("benchmark data does not decode: " + check.summary());
            }
            System.out.println("diagnose check: " + check.attempts().size() + " attempts, " + check.verdict());
            double[] diagnose = time(runs, () -> service.diagnose(request));
            // the baseline a DuckDB user would write, on the stored IPv4 numbers (the text view would be slower)
            String selfJoin =
                    "SELECT a.line, b.line, a.action, b.action FROM flow_rows a LEFT JOIN flow_rows b ON b.srcaddr_v4 = a.dstaddr_v4"
                            + " AND b.dstaddr_v4 = a.srcaddr_v4 AND b.srcport = a.dstport AND b.dstport = a.srcport AND b.protocol = a.protocol"
                            + " AND b.start <= a.\"end\" AND b.\"end\" >= a.start WHERE a.srcaddr_v4 = ? AND a.dstaddr_v4 = ? AND a.dstport = ? AND a.protocol = 6";
            double[] diagnoseBaseline = time(runs, () -> {
                try (PreparedStatement ps = ws.connection().prepareStatement(selfJoin)) {
                    ps.setLong(1, Ipv4.parse(client));
                    ps.setLong(2, Ipv4.parse(server));
                    ps.setInt(3, port);
                    try (ResultSet rs = ps.executeQuery()) {
                        int n = 0;
                        while (rs.next()) {
                            n++;
                        }
                        if (n != check.attempts().size()) {
                            throw new IllegalStateException("self-join found " + n + " pairs");
                        }
                    }
                }
                return null;
            });
            report("diagnose (src, dst, port)", count, diagnose, diagnoseBaseline);

            ConversationStore conversations = new ConversationStore(ws.connection());
            List<ConversationRanking.Entry> top = conversations.top(FlowFilter.ANY, 100);
            if (top.size() != 100
                    || top.get(0).attempt().conversation().replies().isEmpty()) {
                throw new IllegalStateException("conversations do not decode");
            }
            double[] conv100 = time(runs, () -> conversations.top(FlowFilter.ANY, 100));
            String pairAll =
                    "SELECT a.srcaddr_v4, a.srcport, a.dstaddr_v4, a.dstport, a.bytes + coalesce(b.bytes, 0) AS total FROM flow_rows a"
                            + " LEFT JOIN flow_rows b ON b.srcaddr_v4 = a.dstaddr_v4 AND b.dstaddr_v4 = a.srcaddr_v4 AND b.srcport = a.dstport"
                            + " AND b.dstport = a.srcport AND b.protocol = a.protocol AND b.start <= a.\"end\" AND b.\"end\" >= a.start"
                            + " WHERE a.srcport > a.dstport ORDER BY total DESC LIMIT 100";
            double[] convBaseline = time(runs, () -> {
                try (Statement st = ws.connection().createStatement();
                        ResultSet rs = st.executeQuery(pairAll)) {
                    while (rs.next()) {
                        rs.getLong(5);
                    }
                }
                return null;
            });
            report("conversations (top 100 of all)", count, conv100, convBaseline);
        }
    }

    static String client(long conv) {
        return "10.1." + (conv / 250 % 250) + "." + (conv % 250);
    }

    static String server(long conv) {
        return "10.0.0." + (conv % 200);
    }

    static int port(long conv) {
        return new int[] {443, 5432, 22, 8080}[(int) (conv % 4)];
    }

    static void fill(Workspace ws, long rows) throws SQLException {
        ws.execute("INSERT INTO files (file_id, sha256, path, kind, records, status) VALUES (1, 'synthetic-' || " + rows
                + ", 'synthetic.log', 'text', " + rows + ", 'loaded')");
        // row r: conversation c = r / 2; even rows are requests, odd rows replies; ports 1024 + c / 62500 keep tuples
        // unique
        String c = "(r // 2)";
        String cli = "('10.1.' || (" + c + " // 250 % 250) || '.' || (" + c + " % 250))";
        String srv = "('10.0.0.' || (" + c + " % 200))";
        String sport = "(1024 + " + c + " // 62500 % 64000)";
        String dport = "(CASE " + c + " % 4 WHEN 0 THEN 443 WHEN 1 THEN 5432 WHEN 2 THEN 22 ELSE 8080 END)";
        String req = "(r % 2 = 0)";
        ws.execute(dev.flowlens.store.WorkspaceSchema.insertAsFlows(
                FlowsColumns.defaultFormat("log_stream"),
                "SELECT 1, r + 2, 'eni-' || " + c + " % 200, 2, '123456789012', 'eni-' || " + c + " % 200,"
                        + " CASE WHEN " + req + " THEN " + cli + " ELSE " + srv + " END, CASE WHEN " + req + " THEN "
                        + srv + " ELSE " + cli + " END,"
                        + " CASE WHEN " + req + " THEN " + sport + " ELSE " + dport + " END, CASE WHEN " + req
                        + " THEN " + dport + " ELSE " + sport + " END,"
                        + " 6, 10 + r % 7, 1000 + (r * 7919) % 100000, 1700000000 + " + c + " // 1000, 1700000000 + "
                        + c + " // 1000 + 60,"
                        + " CASE WHEN NOT " + req + " AND " + c + " % 1000 = 0 THEN 'REJECT' ELSE 'ACCEPT' END, 'OK'"
                        + " FROM range(" + rows + ") t(r)"));
        ws.execute("CHECKPOINT");
    }

    interface Body {
        Object run() throws Exception;
    }

    static double[] time(int runs, Body body) throws Exception {
        body.run(); // warm-up
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    static void report(String what, long rows, double[] ours, double[] baseline) {
        double a = ours[ours.length / 2];
        double b = baseline[baseline.length / 2];
        System.out.printf(
                "%s on %,d rows: flowlens median %.0f ms (min %.0f), DuckDB self-join median %.0f ms (min %.0f), ratio %.2f%n",
                what, rows, a, ours[0], b, baseline[0], a / b);
    }
}
