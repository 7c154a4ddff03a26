package dev.flowlens.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** StartAfter cursors never skip an object that is not done, nor anything in the recent day folders. */
class TestS3Cursor {
    private static String key(int flowLog, int day, int hour, int minute, String hash) {
        return String.format(
                "AWSLogs/111111111111/vpcflowlogs/eu-west-1/2024/03/%02d/111111111111_vpcflowlogs_eu-west-1_fl-%d_202403%02dT%02d%02dZ_%s.log.gz",
                day, flowLog, day, hour, minute, hash);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aCursorNeverSkipsAnObjectNotDoneNorANewObjectOfTheRecentDays(long seed) {
        Random r = new Random(seed);
        for (int run = 0; run < 300; run++) {
            TreeSet<String> keys = new TreeSet<>();
            int n = 1 + r.nextInt(40);
            for (int i = 0; i < n; i++) {
                keys.add(key(r.nextInt(3), 3 + r.nextInt(6), r.nextInt(24), 5 * r.nextInt(12), "abc"));
            }
            List<String> sorted = new ArrayList<>(keys);
            Set<String> failed = new TreeSet<>();
            for (String k : sorted) {
                if (r.nextInt(15) == 0) {
                    failed.add(k);
                }
            }
            String before = r.nextBoolean() ? null : key(0, 1, 0, 0, "000");
            String cursor = S3Cursor.next(before, sorted, k -> !failed.contains(k));
            assertThat(before == null || cursor != null && cursor.compareTo(before) >= 0)
                    .isTrue();
            for (String f : failed) {
                assertThat(cursor == null || f.compareTo(cursor) > 0)
                        .as("%s skipped by %s", f, cursor)
                        .isTrue();
            }
            int newestDay = sorted.stream()
                    .mapToInt(k -> Integer.parseInt(k.substring(51, 53)))
                    .max()
                    .orElseThrow();
            // an object delivered later into the newest day or the day before, of any flow log (new ones too), is
            // listed
            for (int day = newestDay - 1; day <= newestDay + 1; day++) {
                String late = key(r.nextInt(4), day, 0, 0, "000");
                assertThat(cursor == null || late.compareTo(cursor) > 0)
                        .as("%s skipped by %s", late, cursor)
                        .isTrue();
            }
        }
    }

    @Test
    void settledDaysAreNotListedAgain() {
        List<String> keys =
                List.of(key(1, 1, 10, 0, "a"), key(2, 1, 9, 0, "b"), key(1, 2, 0, 0, "c"), key(1, 3, 0, 0, "d"));
        assertThat(S3Cursor.next(null, keys, k -> true)).isEqualTo(key(2, 1, 9, 0, "b"));
        assertThat(S3Cursor.next(null, keys, k -> !k.contains("fl-2"))).isEqualTo(key(1, 1, 10, 0, "a"));
        assertThat(S3Cursor.next(
                        null,
                        List.of("flat/111111111111_vpcflowlogs_eu-west-1_fl-1_20240301T0000Z_a.log.gz"),
                        k -> true))
                .isNull();
    }
}
