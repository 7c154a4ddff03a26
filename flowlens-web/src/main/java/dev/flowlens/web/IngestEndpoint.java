package dev.flowlens.web;

import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.s3.S3Selection;
import dev.flowlens.sources.aws.AwsClientConfig;
import dev.flowlens.sources.s3.S3Location;
import dev.flowlens.sources.s3.S3Source;
import dev.flowlens.store.Workspace;
import dev.flowlens.store.ingest.IngestOptions;
import dev.flowlens.store.ingest.IngestReport;
import dev.flowlens.store.ingest.IngestSummary;
import dev.flowlens.store.ingest.Ingestor;
import dev.flowlens.store.ingest.S3Load;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/ingest}: loads uploaded files (multipart field {@code files}), a local
 * {@code path} or an {@code s3://BUCKET[/PREFIX]} URL (form field {@code path}, through
 * {@link S3Load} as {@code flowlens ingest} does) into the workspace, with the idempotency of
 * {@code flowlens ingest}; {@code GET /api/ingest/progress} tells how far it is.
 * Uploads are kept beside the workspace in {@code WORKSPACE.uploads/CONTENT-HASH/NAME}, so the same
 * file uploaded twice is the same file to the catalog, and evidence lines point at a file that exists.
 */
final class IngestEndpoint {
    /** Objects fetched at once from S3 (what {@code flowlens ingest} takes on 2 cores). */
    private static final int S3_PARALLEL = 8;

    private final WorkspaceAccess access;
    private final AwsClientConfig s3;
    private final IngestProgress progress;

    IngestEndpoint(WorkspaceAccess access, AwsClientConfig s3, IngestProgress progress) {
        this.access = access;
        this.s3 = s3;
        this.progress = progress;
    }

    /** {@code GET /api/ingest/progress}. */
    IngestProgress.Snapshot progress() {
        return progress.snapshot();
    }

    IngestReport ingest(Context ctx) throws IOException, SQLException {
        List<Path> paths = new ArrayList<>();
        String path;
        String contentType = ctx.contentType();
        if (contentType != null && contentType.startsWith("multipart/")) {
            for (UploadedFile f : ctx.uploadedFiles("files")) {
                paths.add(store(f));
            }
            path = ctx.formParam("path");
        } else {
            path = ctx.formParam("path");
            if (path == null || path.isBlank()) {
                path = ctx.queryParam("path");
            }
        }
        S3Location bucket = null;
        if (path != null && !path.isBlank() && S3Location.isS3(path.trim())) {
            bucket = s3Location(path.trim());
            if (!paths.isEmpty()) {
                throw new BadParameter("path", "parameter 'path': load an s3:// URL or files, not both at once");
            }
        } else if (path != null && !path.isBlank()) {
            paths.add(localPath(path));
        }
        if (paths.isEmpty() && bucket == null) {
            throw new BadParameter(
                    "files",
                    "nothing to load: upload files in the multipart field 'files' or give a local 'path' or an s3:// URL");
        }
        S3Location where = bucket;
        progress.begin(
                where != null ? path.trim() : paths.size() == 1 ? paths.get(0).toString() : paths.size() + " files");
        IngestSummary s;
        try {
            s = access.write(w -> where != null
                    ? loadS3(w, where)
                    : new Ingestor(w, IngestOptions.defaults(), progress).ingest(paths));
        } finally {
            progress.end();
        }
        return IngestReport.of(s);
    }

    private IngestSummary loadS3(Workspace w, S3Location where) throws SQLException {
        try (S3Source source = new S3Source(s3, S3_PARALLEL)) {
            return S3Load.load(
                            source,
                            where,
                            new S3Selection(null, null, Set.of(), Set.of()),
                            false,
                            w,
                            IngestOptions.defaults(),
                            progress)
                    .summary();
        }
    }

    private static S3Location s3Location(String text) {
        try {
            return S3Location.parse(text);
        } catch (FlowlensException e) {
            throw new BadParameter("path", "parameter 'path': " + e.getMessage());
        }
    }

    private static Path localPath(String text) {
        Path p = Path.of(text.trim());
        if (!Files.exists(p)) {
            throw new BadParameter("path", "parameter 'path': no file or folder " + p);
        }
        return p;
    }

    private Path store(UploadedFile f) throws IOException {
        String name = safeName(f.filename());
        Path folder = access.file().resolveSibling(access.file().getFileName() + ".uploads");
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, "upload", ".part");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = f.content();
                var out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        Path dir = folder.resolve(HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** The file name without folders or characters a file system may refuse. */
    static String safeName(String filename) {
        String n = filename == null ? "" : filename;
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1).replaceAll("[^A-Za-z0-9._=-]", "_");
        if (n.isEmpty() || n.startsWith(".")) {
            n = "upload" + n;
        }
        return n.length() > 200 ? n.substring(0, 200) : n;
    }
}
