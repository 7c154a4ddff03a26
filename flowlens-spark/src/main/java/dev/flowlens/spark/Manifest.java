package dev.flowlens.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.lake.FileOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The lake's catalog of loaded files: {@code LAKE/_manifest/RUN.jsonl}, one JSON line per file a
 * committed run read. A run's manifest is written last, after its data files are in place, so a
 * file counts as loaded only once its rows are; the data files of a run without a manifest are
 * removed by the next run ({@link LakeIngest}).
 */
final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<FileOutcome> entries;
    private final List<String> runs;

    private Manifest(List<FileOutcome> entries, List<String> runs) {
        this.entries = entries;
        this.runs = runs;
    }

    static Manifest read(String lake, Configuration conf) throws IOException {
        Path dir = new Path(LakeLayout.child(lake, LakeLayout.MANIFEST));
        FileSystem fs = dir.getFileSystem(conf);
        List<FileOutcome> entries = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        if (!fs.exists(dir)) {
            return new Manifest(entries, runs);
        }
        FileStatus[] files = fs.listStatus(dir, p -> p.getName().endsWith(".jsonl"));
        java.util.Arrays.sort(
                files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        for (FileStatus f : files) {
            runs.add(f.getPath().getName().substring(0, f.getPath().getName().length() - ".jsonl".length()));
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isBlank()) {
                        entries.add(parse(JSON.readTree(line)));
                    }
                }
            }
        }
        return new Manifest(entries, runs);
    }

    List<FileOutcome> entries() {
        return entries;
    }

    /** The committed runs, oldest first. */
    List<String> runs() {
        return runs;
    }

    /** The next file id to give. */
    int nextFileId() {
        int max = 0;
        for (FileOutcome e : entries) {
            max = Math.max(max, e.fileId());
        }
        return max + 1;
    }

    /**
     * The newest entry of each path whose rows are in the lake (LOADED or PARTIAL), by path: the one
     * with the highest file id (ids only grow; runs' names need not sort in the order they ran).
     */
    Map<String, FileOutcome> loaded() {
        Map<String, FileOutcome> out = new LinkedHashMap<>();
        for (FileOutcome e : entries) {
            if (!"FAILED".equals(e.status())) {
                out.merge(e.path(), e, (a, b) -> a.fileId() >= b.fileId() ? a : b);
            }
        }
        return out;
    }

    /**
     * The ids of files whose path a later run loaded again (the file changed): their rows stay in the
     * lake's Parquet files, and readers leave them out.
     */
    List<Integer> superseded() {
        Map<String, FileOutcome> newest = loaded();
        List<Integer> out = new ArrayList<>();
        for (FileOutcome e : entries) {
            if (!"FAILED".equals(e.status()) && newest.get(e.path()).fileId() != e.fileId()) {
                out.add(e.fileId());
            }
        }
        return out;
    }

    /** The lake's data files written by a run (their names start with its id), in both datasets. */
    static List<Path> filesOfRun(String lake, String run, Configuration conf) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dataset : List.of(LakeLayout.FLOWS, LakeLayout.BAD_LINES)) {
            Path dir = new Path(LakeLayout.child(lake, dataset));
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                continue;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                Path f = it.next().getPath();
                if (f.getName().startsWith(run + "-")) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /**
     * The data files a reader must skip while a run that stopped is not yet finished or undone (by
     * the next ingest): those of a run without a manifest, and those a committed run replaced. Their
     * paths without scheme; empty for a lake at rest.
     */
    static Set<String> unreadable(String lake, Configuration conf) throws IOException {
        Set<String> out = new HashSet<>();
        List<String> committed = read(lake, conf).runs();
        for (Map.Entry<String, List<String>> e : LakeRewrite.lists(lake, conf).entrySet()) {
            if (committed.contains(e.getKey())) {
                for (String r : e.getValue()) {
                    out.add(new Path(LakeLayout.child(lake, r)).toUri().getPath());
                }
            }
        }
        Path staging = new Path(LakeLayout.child(lake, LakeLayout.STAGING));
        FileSystem fs = staging.getFileSystem(conf);
        if (fs.exists(staging)) {
            for (FileStatus s : fs.listStatus(staging)) {
                if (!committed.contains(s.getPath().getName())) {
                    for (Path f : filesOfRun(lake, s.getPath().getName(), conf)) {
                        out.add(f.toUri().getPath());
                    }
                }
            }
        }
        return out;
    }

    /** Writes a run's entries: to a temporary name, then renamed, so a manifest is whole or absent. */
    static void write(String lake, String run, List<FileOutcome> outcomes, Configuration conf) throws IOException {
        Path dir = new Path(LakeLayout.child(lake, LakeLayout.MANIFEST));
        FileSystem fs = dir.getFileSystem(conf);
        fs.mkdirs(dir);
        Path tmp = new Path(dir, "." + run + ".jsonl.tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            for (FileOutcome o : outcomes) {
                out.write(JSON.writeValueAsBytes(o));
                out.write('\n');
            }
        }
        Path target = new Path(dir, run + ".jsonl");
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot commit the manifest " + target);
        }
    }

    private static FileOutcome parse(JsonNode n) {
        return new FileOutcome(
                n.path("fileId").asInt(),
                text(n, "path"),
                n.path("size").asLong(),
                n.path("modified").asLong(),
                text(n, "sha256"),
                text(n, "kind"),
                text(n, "container"),
                text(n, "formats"),
                n.path("records").asLong(),
                n.path("badLines").asLong(),
                text(n, "status"),
                text(n, "error"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
