package dev.flowlens.sources.s3;

import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.s3.S3Cursor;
import dev.flowlens.core.s3.S3PrefixPlanner;
import dev.flowlens.core.s3.S3Selection;
import dev.flowlens.sources.aws.AwsClientConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Flow log objects of one S3 bucket: lists what a selection needs with the prefix planner, and
 * reads objects for the ingest (fetched ahead in parallel when small, streamed and resumed when
 * large). Listing failures are one sentence naming what to fix ({@link FlowlensException}, before
 * anything is loaded); a failure to read one object is that object's {@link IOException}.
 */
public final class S3Source implements AutoCloseable {
    /** Reads resumed with a range request after a dropped connection, per object read. */
    static final int MAX_RESUMES = 5;

    private final AwsClientConfig config;
    private final S3Client client;
    private final S3Metrics metrics = new S3Metrics();
    private final S3Prefetcher prefetcher;
    private volatile S3Location location;
    private volatile boolean stopped;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    /**
     * @param parallel objects fetched at once
     */
    public S3Source(AwsClientConfig config, int parallel) {
        this.config = config;
        AwsCredentialsProvider credentials = config.credentials();
        config.checkCredentials(credentials);
        var builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(Math.max(parallel, 1) + 8)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(30)));
        if (config.endpoint() != null) {
            builder.forcePathStyle(true);
        } else {
            // the bucket's region is found from S3's redirect when the client's is not it
            builder.crossRegionAccessEnabled(true);
        }
        this.client = config.configure(builder, credentials, List.of(metrics)).build();
        this.prefetcher = new S3Prefetcher(this, Math.max(1, parallel));
    }

    /** What a listing found: the objects to load and each resumable listing's kept keys. */
    public record Plan(
            S3Location location,
            List<S3InputFile> objects,
            List<S3PrefixPlanner.LeafListing<S3Object>> listings,
            int ignored) {
        public Plan {
            objects = List.copyOf(objects);
            listings = List.copyOf(listings);
        }

        public long bytes() {
            return objects.stream().mapToLong(S3InputFile::length).sum();
        }

        /**
         * The StartAfter cursors after this plan's objects were loaded: each resumable listing moves
         * past the keys that are done ({@link S3Cursor}); prefixes whose cursor did not move are left out.
         *
         * @param notDone the locations of objects that failed or were not read
         */
        public Map<String, String> nextCursors(Set<String> notDone) {
            Map<String, String> out = new LinkedHashMap<>();
            for (S3PrefixPlanner.LeafListing<S3Object> l : listings) {
                if (!l.resumable()) {
                    continue;
                }
                String next =
                        S3Cursor.next(l.startAfter(), l.keptKeys(), key -> !notDone.contains(location.locationOf(key)));
                if (next != null && !next.equals(l.startAfter())) {
                    out.put(l.prefix(), next);
                }
            }
            return out;
        }
    }

    /**
     * Lists the objects of {@code where} that {@code selection} needs, resumable listings starting
     * after {@code cursors}.
     */
    public Plan plan(S3Location where, S3Selection selection, S3PrefixPlanner.Cursors cursors) {
        this.location = where;
        S3PrefixPlanner<S3Object> planner = new S3PrefixPlanner<>(
                (prefix, delimited, after) -> list(where.bucket(), prefix, delimited, after),
                S3Object::key,
                selection,
                cursors);
        List<S3PrefixPlanner.LeafListing<S3Object>> listings;
        try {
            listings = planner.walk(where.prefix());
        } catch (SdkException e) {
            throw listingFailure(where, e);
        } catch (IOException e) {
            throw new FlowlensException(ErrorCode.SOURCE_UNREACHABLE, "cannot list " + where + ": " + e.getMessage());
        }
        Map<String, S3InputFile> objects = new LinkedHashMap<>();
        int ignored = 0;
        for (S3PrefixPlanner.LeafListing<S3Object> l : listings) {
            ignored += l.ignored();
            for (S3Object o : l.kept()) {
                objects.putIfAbsent(
                        o.key(),
                        new S3InputFile(
                                this,
                                where.locationOf(o.key()),
                                o.key(),
                                o.size(),
                                o.lastModified().toEpochMilli(),
                                o.eTag()));
            }
        }
        return new Plan(where, new ArrayList<>(objects.values()), listings, ignored);
    }

    private S3PrefixPlanner.Listing<S3Object> list(String bucket, String prefix, boolean delimited, String startAfter) {
        ListObjectsV2Request.Builder b =
                ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
        if (delimited) {
            b.delimiter("/");
        }
        if (startAfter != null) {
            b.startAfter(startAfter);
        }
        List<String> folders = new ArrayList<>();
        List<S3Object> objects = new ArrayList<>();
        for (ListObjectsV2Response page : client.listObjectsV2Paginator(b.build())) {
            for (CommonPrefix p : page.commonPrefixes()) {
                folders.add(p.prefix());
            }
            objects.addAll(page.contents());
        }
        return new S3PrefixPlanner.Listing<>(folders, objects);
    }

    /**
     * The sentence for S3's answer to a client of the wrong region (a redirect, or a signature for
     * another region), naming the bucket's region when S3 says it; null for any other answer.
     */
    private String wrongRegion(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (!"PermanentRedirect".equals(code)
                && !"AuthorizationHeaderMalformed".equals(code)
                && e.statusCode() != 301) {
            return null;
        }
        String actual = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null
                ? null
                : e.awsErrorDetails()
                        .sdkHttpResponse()
                        .firstMatchingHeader("x-amz-bucket-region")
                        .orElse(null);
        return "bucket " + location.bucket() + " is "
                + (actual == null ? "not in region " : "in region " + actual + ", not ") + config.clientRegion()
                + ": name its region with --bucket-region" + (actual == null ? "" : " " + actual);
    }

    /** One sentence naming what to fix when listing fails. */
    private FlowlensException listingFailure(S3Location where, SdkException e) {
        if (e instanceof AwsServiceException se) {
            String code =
                    se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorCode();
            int status = se.statusCode();
            if ("NoSuchBucket".equals(code) || status == 404) {
                return new FlowlensException(
                        ErrorCode.SOURCE_NOT_FOUND,
                        "bucket " + where.bucket() + " does not exist"
                                + (config.endpoint() != null ? " at " + config.endpoint() : "") + ": check the name in "
                                + where);
            }
            String wrongRegion = wrongRegion(se);
            if (wrongRegion != null) {
                return new FlowlensException(ErrorCode.SOURCE_WRONG_REGION, wrongRegion);
            }
            if ("InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)
                    || "ExpiredToken".equals(code)
                    || "InvalidToken".equals(code)) {
                return new FlowlensException(
                        ErrorCode.SOURCE_CREDENTIALS,
                        "S3 refused the credentials (" + code
                                + "): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the profile, or run 'aws sso login' again");
            }
            if ("AccessDenied".equals(code) || status == 403) {
                return new FlowlensException(
                        ErrorCode.SOURCE_ACCESS_DENIED,
                        "access denied listing " + where
                                + ": the credentials need s3:ListBucket on the bucket for this prefix (see docs/ingest.md)");
            }
            return new FlowlensException(
                    ErrorCode.SOURCE_UNREACHABLE, "S3 answered " + status + " " + code + " listing " + where);
        }
        if (e instanceof SdkClientException) {
            return new FlowlensException(
                    ErrorCode.SOURCE_UNREACHABLE,
                    "cannot reach S3 to list " + where + " after " + config.maxAttempts() + " attempts: "
                            + e.getMessage());
        }
        return new FlowlensException(ErrorCode.SOURCE_UNREACHABLE, "cannot list " + where + ": " + e.getMessage());
    }

    /** Starts fetching the small objects ahead of the ingest, in its order. */
    public void fetchAhead(List<S3InputFile> files) {
        prefetcher.fetchAhead(files);
    }

    /** Ctrl-C: objects not opened yet are refused (not loaded, tried again next run); those in flight finish. */
    public void stop() {
        stopped = true;
    }

    /** The locations refused after {@link #stop()}. */
    public Set<String> refused() {
        return Set.copyOf(refused);
    }

    void checkNotStopped(S3InputFile f) throws IOException {
        if (stopped) {
            refused.add(f.location());
            throw new InterruptedIOException("not read: the run was stopped");
        }
    }

    public S3Metrics.Counts counts() {
        return metrics.counts();
    }

    /** Streams an object while it has tag {@code etag}, resuming a dropped connection with a range request. */
    InputStream stream(String key, String etag, long length) throws IOException {
        return new ResumingStream(key, etag, length);
    }

    private InputStream get(String key, String etag, long from) throws IOException {
        GetObjectRequest.Builder b =
                GetObjectRequest.builder().bucket(location.bucket()).key(key);
        if (etag != null) {
            b.ifMatch(etag);
        }
        if (from > 0) {
            b.range("bytes=" + from + "-");
        }
        try {
            return client.getObject(b.build());
        } catch (AwsServiceException e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String wrongRegion = wrongRegion(e);
            String reason = wrongRegion != null
                    ? wrongRegion
                    : switch (e.statusCode()) {
                        case 403 -> "access denied (the credentials need s3:GetObject)";
                        case 404 -> "the object was deleted after it was listed";
                        case 412 ->
                            "the object changed after it was listed (its ETag is no longer " + etag
                                    + "): run again to load the new version";
                        default -> "S3 answered " + e.statusCode();
                    };
            throw new IOException(reason + (code != null ? " [" + code + "]" : ""), e);
        } catch (SdkClientException e) {
            throw new IOException("cannot reach S3 after " + config.maxAttempts() + " attempts: " + e.getMessage(), e);
        }
    }

    /** An object's body that, when the connection drops, goes on from the byte it reached. */
    private final class ResumingStream extends InputStream {
        private final String key;
        private final String etag;
        private final long length;
        private InputStream body;
        private long position;
        private int resumes;

        ResumingStream(String key, String etag, long length) throws IOException {
            this.key = key;
            this.etag = etag;
            this.length = length;
            this.body = get(key, etag, 0);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int n;
                try {
                    n = body.read(b, off, len);
                } catch (InterruptedIOException e) {
                    throw e;
                } catch (IOException e) {
                    resume(e);
                    continue;
                }
                if (n < 0 && position < length) {
                    resume(new IOException("the connection ended at byte " + position + " of " + length));
                    continue;
                }
                if (n > 0) {
                    position += n;
                }
                return n;
            }
        }

        private void resume(IOException cause) throws IOException {
            try {
                body.close();
            } catch (IOException ignored) {
                // the connection is gone already
            }
            if (++resumes > MAX_RESUMES) {
                throw new IOException(
                        "the connection dropped " + resumes + " times reading s3://" + location.bucket() + "/" + key
                                + ": " + cause.getMessage(),
                        cause);
            }
            metrics.resumed();
            long delay = config.baseDelay().toMillis() << Math.min(resumes - 1, 6);
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(delay + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            body = get(key, etag, position);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    @Override
    public void close() {
        prefetcher.close();
        client.close();
    }
}
