package dev.flowlens.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The prefix planner against a model of what each object holds: no needed object is ever pruned. */
class TestS3PrefixPlanner {
    private static final List<String> ACCOUNTS = List.of("111111111111", "222222222222", "333333333333");
    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "us-gov-east-1");
    private static final long T0 = LocalDateTime.of(2024, 2, 27, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT);

    /** One object: its key and the (start, end) of the records it holds. */
    record Obj(String key, long[][] records) {}

    static String key(Random r, String account, String region, long fileTime, int layout, String flowLog) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(fileTime, 0, ZoneOffset.UTC);
        String name = account + "_vpcflowlogs_" + region + "_" + flowLog + "_" + NAME_TIME.format(t) + "_"
                + Integer.toHexString(r.nextInt(1 << 28) | 1 << 28) + (r.nextBoolean() ? ".log.gz" : ".parquet");
        return S3KeyLayouts.key(layout, account, region, t, name);
    }

    /** Objects over 70 days, each holding records as the delivery model allows (late ones too). */
    static List<Obj> bucket(Random r, int n) {
        List<Obj> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long fileTime = T0 + (r.nextInt(70 * 288) - 35 * 288) * 300L;
            long[][] records = new long[1 + r.nextInt(3)][];
            for (int j = 0; j < records.length; j++) {
                long end = switch (r.nextInt(4)) {
                    case 0 -> fileTime + S3Selection.FILE_SPAN; // the latest end a file can hold
                    case 1 -> fileTime - S3Selection.FILE_SPAN - S3Selection.LATE_DELIVERY; // the latest delivery
                    default ->
                        fileTime
                                - S3Selection.FILE_SPAN
                                - S3Selection.LATE_DELIVERY
                                + (long) (r.nextDouble() * (2 * S3Selection.FILE_SPAN + S3Selection.LATE_DELIVERY));
                };
                long start = end
                        - (r.nextBoolean() ? S3Selection.AGGREGATION : r.nextInt((int) S3Selection.AGGREGATION + 1));
                records[j] = new long[] {start, end};
            }
            out.add(new Obj(
                    key(
                            r,
                            ACCOUNTS.get(r.nextInt(3)),
                            REGIONS.get(r.nextInt(3)),
                            fileTime,
                            r.nextInt(6),
                            "fl-0" + r.nextInt(3)),
                    records));
        }
        return out;
    }

    static S3Selection randomSelection(Random r) {
        long from = T0 + (r.nextInt(80 * 24) - 40 * 24) * 3600L + r.nextInt(3600);
        long length = switch (r.nextInt(4)) {
            case 0 -> r.nextInt(3600);
            case 1 -> r.nextInt(3 * 86_400);
            case 2 -> r.nextInt(60 * 86_400);
            default -> 0;
        };
        Long f = r.nextInt(8) == 0 ? null : from;
        Long t = r.nextInt(8) == 0 ? null : from + length;
        Set<String> accounts = new HashSet<>();
        Set<String> regions = new HashSet<>();
        if (r.nextBoolean()) {
            accounts.add(ACCOUNTS.get(r.nextInt(3)));
        }
        if (r.nextBoolean()) {
            regions.add(REGIONS.get(r.nextInt(3)));
        }
        return new S3Selection(f, t, accounts, regions);
    }

    static boolean needed(Obj o, S3Selection s) {
        S3ObjectKey k = S3ObjectKey.parse(o.key());
        if (!s.wantsAccount(k.accountId()) || !s.wantsRegion(k.region())) {
            return false;
        }
        for (long[] rec : o.records()) {
            if ((s.to() == null || rec[0] <= s.to()) && (s.from() == null || rec[1] >= s.from())) {
                return true;
            }
        }
        return false;
    }

    static Set<String> walk(InMemoryLister lister, S3Selection s, String prefix) throws IOException {
        Set<String> kept = new LinkedHashSet<>();
        for (S3PrefixPlanner.LeafListing<String> l :
                new S3PrefixPlanner<>(lister, k -> k, s, S3PrefixPlanner.Cursors.NONE).walk(prefix)) {
            kept.addAll(l.kept());
        }
        return kept;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void noNeededObjectIsPruned(long seed) throws IOException {
        Random r = new Random(seed);
        List<Obj> objects = bucket(r, 3000);
        List<String> keys = objects.stream().map(Obj::key).toList();
        for (int run = 0; run < 40; run++) {
            S3Selection s = randomSelection(r);
            InMemoryLister lister = new InMemoryLister(keys);
            Set<String> kept = walk(lister, s, "");
            for (Obj o : objects) {
                if (needed(o, s)) {
                    assertThat(kept).as("%s needed by %s", o.key(), s).contains(o.key());
                }
                // what is kept is exactly what the key filter keeps: the walk reaches every such object
                assertThat(kept.contains(o.key())).as(o.key()).isEqualTo(s.keeps(S3ObjectKey.parse(o.key())));
            }
            assertNoDayListedOutside(lister, s);
        }
    }

    /** No listing is made of a day or hour folder whose file times the window cannot need. */
    private static void assertNoDayListedOutside(InMemoryLister lister, S3Selection s) {
        for (InMemoryLister.Call c : lister.calls) {
            S3PrefixPlanner.Position p = S3PrefixPlanner.positionOf(c.prefix());
            assertThat(p).as(c.prefix()).isNotNull();
            if (p.level() == S3PrefixPlanner.Level.DAY) {
                long start =
                        LocalDateTime.of(p.year(), p.month(), p.day(), 0, 0).toEpochSecond(ZoneOffset.UTC);
                assertThat(s.wantsPeriod(start, start + 86_400))
                        .as("%s listed for %s", c.prefix(), s)
                        .isTrue();
            }
            if (p.level() == S3PrefixPlanner.Level.HOUR) {
                long start = LocalDateTime.of(p.year(), p.month(), p.day(), p.hour(), 0)
                        .toEpochSecond(ZoneOffset.UTC);
                assertThat(s.wantsPeriod(start, start + 3600))
                        .as("%s listed for %s", c.prefix(), s)
                        .isTrue();
            }
        }
    }

    @Test
    void oneHourWindowListsOnlyItsDayAndNoOtherAccount() throws IOException {
        Random r = new Random(42);
        List<String> keys =
                new ArrayList<>(bucket(r, 3000).stream().map(Obj::key).toList());
        long from = T0 + 14 * 3600;
        for (int layout = 0; layout < 6; layout++) {
            for (long t = T0 - 86_400; t < T0 + 2 * 86_400; t += 1800) {
                keys.add(key(r, "111111111111", "eu-west-1", t, layout, "fl-01"));
            }
        }
        S3Selection s = new S3Selection(from, from + 3600, Set.of("111111111111"), Set.of("eu-west-1"));
        InMemoryLister lister = new InMemoryLister(keys);
        walk(lister, s, "");
        Set<String> listed = new TreeSet<>();
        for (InMemoryLister.Call c : lister.calls) {
            listed.add(c.prefix());
            assertThat(c.prefix())
                    .doesNotContain("222222222222", "333333333333", "us-east-1", "/2024/02/26/", "/2024/02/28/");
        }
        assertThat(listed)
                .contains(
                        "AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/02/27/",
                        "logs/AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/02/27/14/",
                        "hive/AWSLogs/aws-account-id=111111111111/aws-service=vpcflowlogs/aws-region=eu-west-1/year=2024/month=02/day=27/hour=15/")
                .doesNotContain(
                        "logs/AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/02/27/12/",
                        "logs/AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/02/27/17/");
        // hours 13 (a file of 13:55 can hold records ending at 14:00) to 16 (75 minutes after the end)
        assertThat(listed)
                .contains(
                        "logs/AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/02/27/13/",
                        "logs/AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/02/27/16/");
    }

    @Test
    void prefixInsideALayoutStartsThere() throws IOException {
        Random r = new Random(7);
        List<String> keys = bucket(r, 2000).stream().map(Obj::key).toList();
        String day = "AWSLogs/222222222222/vpcflowlogs/us-gov-east-1/2024/02/27";
        InMemoryLister lister = new InMemoryLister(keys);
        Set<String> kept = walk(lister, S3Selection.ALL, day);
        assertThat(kept).isNotEmpty().allMatch(k -> k.startsWith(day + "/"));
        assertThat(kept).hasSize((int)
                keys.stream().filter(k -> k.startsWith(day + "/")).count());
        assertThat(lister.calls).containsExactly(new InMemoryLister.Call(day + "/", false, null));
    }

    @Test
    void objectsThatAreNotFlowLogsAreCountedNotKept() throws IOException {
        InMemoryLister lister = new InMemoryLister(List.of(
                "AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/02/27/notes.txt",
                "AWSLogs/111111111111/CloudTrail/eu-west-1/2024/02/27/x.json.gz",
                "readme.md"));
        List<S3PrefixPlanner.LeafListing<String>> leaves =
                new S3PrefixPlanner<>(lister, k -> k, S3Selection.ALL, S3PrefixPlanner.Cursors.NONE).walk("");
        assertThat(leaves.stream()
                        .mapToInt(S3PrefixPlanner.LeafListing::ignored)
                        .sum())
                .isEqualTo(2);
        assertThat(leaves).allMatch(l -> l.kept().isEmpty());
        // CloudTrail's folder is not walked at all
        assertThat(lister.calls).noneMatch(c -> c.prefix().contains("CloudTrail"));
    }
}
