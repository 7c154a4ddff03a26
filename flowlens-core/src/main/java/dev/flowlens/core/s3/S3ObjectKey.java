package dev.flowlens.core.s3;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a flow log object's key says: account, region, flow log id and the file's time (the
 * 5-minute window of the records' end times), and the folder layout. Parsed once per file.
 *
 * @param fileTime epoch seconds of the time in the file name, or null
 */
public record S3ObjectKey(String accountId, String region, String flowLogId, Long fileTime, S3KeyLayout layout) {

    /** {account}_vpcflowlogs_{region}_{flow-log-id}_{YYYYMMDDTHHmmZ}_{hash}.log.gz (or .parquet). */
    private static final Pattern FILE_NAME = Pattern.compile(
            "(?<account>[0-9A-Za-z]+)_vpcflowlogs_(?<region>[a-z]{2}(?:-[a-z]+)+-\\d+)_(?<flowlog>fl-[0-9a-zA-Z]+)_"
                    + "(?<time>\\d{8}T\\d{4}Z)_(?<hash>[0-9a-zA-Z]+)\\.(?:log(?:\\.gz)?|parquet|gz\\.parquet|log\\.parquet)");

    private static final Pattern HIVE_PART = Pattern.compile("(?<key>[a-z-]+)=(?<value>[^/]+)");

    public static final S3ObjectKey NONE = new S3ObjectKey(null, null, null, null, S3KeyLayout.NONE);

    /** Reads a key or a local path that mirrors one ({@code /} or {@code \} separated). */
    public static S3ObjectKey parse(String keyOrPath) {
        String key = keyOrPath.replace('\\', '/');
        int slash = key.lastIndexOf('/');
        String name = key.substring(slash + 1);
        Matcher m = FILE_NAME.matcher(name);
        if (!m.matches()) {
            return NONE;
        }
        String t = m.group("time");
        long time = LocalDateTime.of(
                        Integer.parseInt(t.substring(0, 4)),
                        Integer.parseInt(t.substring(4, 6)),
                        Integer.parseInt(t.substring(6, 8)),
                        Integer.parseInt(t.substring(9, 11)),
                        Integer.parseInt(t.substring(11, 13)))
                .toEpochSecond(ZoneOffset.UTC);
        S3KeyLayout layout = layoutOf(slash < 0 ? "" : key.substring(0, slash), m.group("account"), m.group("region"));
        return new S3ObjectKey(m.group("account"), m.group("region"), m.group("flowlog"), time, layout);
    }

    private static S3KeyLayout layoutOf(String folder, String account, String region) {
        List<String> parts = List.of(folder.split("/"));
        int aws = parts.lastIndexOf("AWSLogs");
        if (aws < 0) {
            return S3KeyLayout.FILE_NAME_ONLY;
        }
        List<String> rest = parts.subList(aws + 1, parts.size());
        if (!rest.isEmpty() && rest.get(0).startsWith("o-")) {
            // an organisation's trail: AWSLogs/o-ORGID/{account}/...
            rest = rest.subList(1, rest.size());
        }
        if (!rest.isEmpty() && rest.get(0).startsWith("aws-account-id=")) {
            boolean hour = rest.stream().anyMatch(p -> HIVE_PART.matcher(p).matches() && p.startsWith("hour="));
            return hour ? S3KeyLayout.HIVE_HOURLY : S3KeyLayout.HIVE;
        }
        // account/vpcflowlogs/region/yyyy/mm/dd[/HH]
        if (rest.size() >= 6
                && rest.get(0).equals(account)
                && rest.get(1).equals("vpcflowlogs")
                && rest.get(2).equals(region)) {
            return rest.size() >= 7 ? S3KeyLayout.HOURLY : S3KeyLayout.DEFAULT;
        }
        return S3KeyLayout.FILE_NAME_ONLY;
    }

    public Optional<Long> fileTimeSeconds() {
        return Optional.ofNullable(fileTime);
    }

    public boolean isFlowLogKey() {
        return layout != S3KeyLayout.NONE;
    }
}
