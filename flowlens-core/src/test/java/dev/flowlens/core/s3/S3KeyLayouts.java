package dev.flowlens.core.s3;

import java.time.LocalDateTime;
import java.util.Locale;

/** The keys S3 delivers flow log objects under, in every layout: for tests that make buckets. */
public final class S3KeyLayouts {
    private S3KeyLayouts() {}

    /**
     * The key of the object {@code name} delivered at {@code t}, in layout 0 (default), 1 (hourly),
     * 2 (Hive), 3 (Hive, hourly), 4 (an organisation's); any other: a flat key no layout matches.
     */
    public static String key(int layout, String account, String region, LocalDateTime t, String name) {
        String y = String.format(Locale.ROOT, "%04d", t.getYear());
        String m = String.format(Locale.ROOT, "%02d", t.getMonthValue());
        String d = String.format(Locale.ROOT, "%02d", t.getDayOfMonth());
        String h = String.format(Locale.ROOT, "%02d", t.getHour());
        return switch (layout) {
            case 0 -> "AWSLogs/" + account + "/vpcflowlogs/" + region + "/" + y + "/" + m + "/" + d + "/" + name;
            case 1 ->
                "logs/AWSLogs/" + account + "/vpcflowlogs/" + region + "/" + y + "/" + m + "/" + d + "/" + h + "/"
                        + name;
            case 2 ->
                "AWSLogs/aws-account-id=" + account + "/aws-service=vpcflowlogs/aws-region=" + region + "/year=" + y
                        + "/month=" + m + "/day=" + d + "/" + name;
            case 3 ->
                "hive/AWSLogs/aws-account-id=" + account + "/aws-service=vpcflowlogs/aws-region=" + region + "/year="
                        + y + "/month=" + m + "/day=" + d + "/hour=" + h + "/" + name;
            case 4 ->
                "org/AWSLogs/o-a1b2c3d4e5/" + account + "/vpcflowlogs/" + region + "/" + y + "/" + m + "/" + d + "/"
                        + name;
            default -> "flat/" + name;
        };
    }
}
