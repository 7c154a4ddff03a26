package dev.flowlens.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestLakeIngestSummary {
    @Test
    void jsonNamesTheCountsInSnakeCaseInTheirOrderWithoutTheFiles() {
        LakeIngest.Summary s = new LakeIngest.Summary(3, 1, 2, 1_000L, 7L, 1.5, List.of());

        assertThat(Json.compact(s.json()))
                .isEqualTo("{\"files_loaded\":3,\"files_skipped\":1,\"files_failed\":2,"
                        + "\"records\":1000,\"bad_lines\":7,\"seconds\":1.5}");
    }
}
