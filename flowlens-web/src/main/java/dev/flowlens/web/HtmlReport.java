package dev.flowlens.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.conversation.Conversation;
import dev.flowlens.core.diagnosis.ConversationRanking;
import dev.flowlens.core.diagnosis.DiagnosisDocument;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.diagnosis.Verdict;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.filter.FlowFilter;
import dev.flowlens.core.net.Cidr;
import dev.flowlens.core.report.Report;
import dev.flowlens.core.report.ReportOptions;
import dev.flowlens.core.report.Reports;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.sources.awsconfig.AwsConfigReader;
import dev.flowlens.store.Catalog;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.diagnosis.ConversationStore;
import dev.flowlens.store.diagnosis.DiagnosisService;
import dev.flowlens.store.query.QueryResult;
import dev.flowlens.store.report.ReportRunner;
import dev.flowlens.web.view.ConversationView;
import dev.flowlens.web.view.IsoTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code flowlens report --html FILE}: one self-contained HTML file (ECharts, the styles, the script
 * and the data inline; no network needed, and the page's policy forbids it) with the overview charts,
 * the top tables, the security reports and the diagnosis of every conversation that is not
 * established.
 */
public record HtmlReport(Connection connection, NetworkConfig config, Clock clock) {
    /** The reports of the security section, in order. */
    static final List<String> SECURITY = List.of(
            "rejected-traffic",
            "ssh-rdp-traffic",
            "internet-exposed-ports",
            "port-scans",
            "one-way-flows",
            "rejected-over-time");

    static final int MAX_DIAGNOSES = 25;
    /** Conversations looked at for ones not established (the busiest by bytes). */
    static final int MAX_CONVERSATIONS = 100_000;

    static final String CSP =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

    private static final ObjectMapper HTML_SAFE_JSON = new ObjectMapper();

    static {
        HTML_SAFE_JSON.getFactory().setCharacterEscapes(new HtmlEscapes());
    }

    /**
     * Writes the report of the workspace at {@code workspace} (opened read-only) to {@code out};
     * {@code configDir} (or null) holds the AWS configuration that names the rules in the diagnoses.
     */
    public static void write(Path workspace, Path configDir, Long from, Long to, Path out, Clock clock)
            throws IOException, SQLException {
        NetworkConfig config = configDir == null ? NetworkConfig.EMPTY : new AwsConfigReader().read(configDir);
        try (Workspace ws = Workspace.openReadOnly(workspace)) {
            new HtmlReport(ws.connection(), config, clock).write(out, from, to);
        }
    }

    /** Writes the report for records starting in [from, to] (null for open ends) to {@code out}. */
    public void write(Path out, Long from, Long to) throws IOException, SQLException {
        String html = html(data(from, to));
        Path abs = out.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Everything the report shows, embedded as JSON for its script: the window ({@code from}/{@code
     * to} as asked, {@code first}/{@code last} of the data), the overview parts by name, the security
     * reports, and the diagnoses of the conversations that were not established.
     */
    record Data(
            String generated,
            String from,
            String to,
            String first,
            String last,
            long records,
            long files,
            long bin,
            Map<String, QueryResult> overview,
            List<Section> security,
            @JsonProperty("services_not_established") int servicesNotEstablished,
            List<ConversationDiagnosis> diagnoses) {}

    /** A security report's table, or the {@code note} saying why it could not run (null parts are left out). */
    record Section(
            String report,
            String description,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> columns,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<List<Object>> rows,
            @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
        static Section of(Report r, ReportRunner runner, ReportOptions options) throws SQLException {
            try {
                QueryResult result = runner.run(r, options);
                return new Section(r.name(), r.description(), result.columns(), result.rows(), null);
            } catch (FlowlensException e) {
                return new Section(r.name(), r.description(), null, null, e.getMessage());
            }
        }
    }

    /** A conversation (as {@code /api/conversations} lists it) and its diagnosis. */
    record ConversationDiagnosis(Map<String, Object> conversation, DiagnosisDocument diagnosis) {}

    Data data(Long from, Long to) throws SQLException {
        Catalog.Info info = new Catalog(connection).info();
        long lo = from != null ? from : info.first() != null ? info.first() : 0;
        long hi = to != null ? to : info.last() != null ? info.last() : lo;
        long bin = bin(hi - lo);
        long qFrom = from == null ? Long.MIN_VALUE : from;
        long qTo = to == null ? Long.MAX_VALUE : to;
        Map<String, QueryResult> overview = new LinkedHashMap<>();
        for (Overview.Part p : Overview.Part.values()) {
            overview.put(p.path(), Overview.run(connection, p, qFrom, qTo, bin, 10));
        }
        List<Section> security = new ArrayList<>();
        ReportRunner runner = new ReportRunner(connection);
        for (String name : SECURITY) {
            security.add(
                    Section.of(Reports.require(name), runner, new ReportOptions(from, to, null, null, 20, bin, 10)));
        }
        List<ConversationDiagnosis> diagnoses = new ArrayList<>();
        int notEstablished = diagnoses(from, to, diagnoses);
        return new Data(
                IsoTime.iso(clock.instant().getEpochSecond()),
                IsoTime.iso(from),
                IsoTime.iso(to),
                IsoTime.iso(info.first()),
                IsoTime.iso(info.last()),
                info.records(),
                info.files(),
                bin,
                overview,
                security,
                notEstablished,
                diagnoses);
    }

    /**
     * The diagnoses of the first {@value #MAX_DIAGNOSES} (client, server, port, protocol) with a
     * conversation that was not established, busiest first, into {@code out}; returns how many there are.
     */
    private int diagnoses(Long from, Long to, List<ConversationDiagnosis> out) throws SQLException {
        FlowFilter window = FlowFilter.ANY.withWindow(from, to);
        List<ConversationRanking.Entry> rows = new ConversationStore(connection).top(window, MAX_CONVERSATIONS);
        Set<String> seen = new LinkedHashSet<>();
        DiagnosisService service = new DiagnosisService(connection, config, clock);
        for (ConversationRanking.Entry r : rows) {
            if (r.attempt().verdict() == Verdict.ESTABLISHED) {
                continue;
            }
            Conversation c = r.attempt().conversation();
            String client = c.client().address();
            String server = c.server().address();
            if (!seen.add(client + " " + server + " " + c.server().port() + " " + c.protocol())
                    || out.size() >= MAX_DIAGNOSES) {
                continue;
            }
            DiagnosisRequest request = new DiagnosisRequest(
                    Cidr.parse(client), Cidr.parse(server), c.server().port(), c.protocol(), from, to);
            out.add(new ConversationDiagnosis(
                    ConversationView.of(r.attempt(), r.enis()), DiagnosisDocument.of(service.diagnose(request))));
        }
        return seen.size();
    }

    static long bin(long span) {
        long want = Math.max(1, span / 120);
        for (long b : new long[] {60, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400}) {
            if (b >= want) {
                return b;
            }
        }
        return 86400 * ((want + 86399) / 86400);
    }

    static String html(Data data) {
        String json;
        try {
            json = HTML_SAFE_JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's data", e);
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n"
                + "<title>Flowlens report</title>\n<style>\n" + WebServer.resourceText("web/app.css") + "\n</style>\n"
                + "<script>\n" + WebServer.echartsScript() + "\n</script>\n"
                + "<script type=\"application/json\" id=\"report-data\">" + json + "</script>\n"
                + "</head>\n<body>\n<header><span class=\"brand\">Flowlens report</span></header>\n<main id=\"main\"></main>\n"
                + "<script>\n" + WebServer.resourceText("web/report.js") + "\n</script>\n</body>\n</html>\n";
    }

    /** JSON that can sit inside a script element: {@code <}, {@code >} and {@code &} as unicode escapes. */
    static final class HtmlEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['\''] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
