package dev.flowlens.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders and symbolic links given to ingest: followed, cycles not walked twice, broken links reported. */
class TestInputFiles {
    @TempDir
    Path dir;

    private Path file(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x\n");
    }

    @Test
    void aLinkToAFolderGivenAsPathIsFollowed() throws IOException {
        file("real/a.log");
        file("real/sub/b.log");
        Path link = Files.createSymbolicLink(dir.resolve("logs"), dir.resolve("real"));
        InputFiles.Expansion e = InputFiles.expand(List.of(link));
        assertThat(e.files()).containsExactly(link.resolve("a.log"), link.resolve("sub/b.log"));
        assertThat(e.unreadable()).isEmpty();
        assertThat(e.skipped()).isEmpty();
    }

    @Test
    void aLinkToAFolderInsideAFolderIsFollowed() throws IOException {
        file("other/c.log");
        file("root/a.log");
        Files.createSymbolicLink(dir.resolve("root/more"), dir.resolve("other"));
        InputFiles.Expansion e = InputFiles.expand(List.of(dir.resolve("root")));
        assertThat(e.files()).containsExactly(dir.resolve("root/a.log"), dir.resolve("root/more/c.log"));
    }

    @Test
    void aLinkCycleIsReportedAndNotWalkedAgain() throws IOException {
        file("root/a.log");
        file("root/sub/b.log");
        Path loop = Files.createSymbolicLink(dir.resolve("root/sub/back"), dir.resolve("root"));
        InputFiles.Expansion e = InputFiles.expand(List.of(dir.resolve("root")));
        assertThat(e.files()).containsExactly(dir.resolve("root/a.log"), dir.resolve("root/sub/b.log"));
        assertThat(e.unreadable()).isEmpty();
        assertThat(e.skipped()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo(loop);
            assertThat(u.reason()).contains("cycle");
        });
    }

    @Test
    void aBrokenLinkInsideAFolderIsSkippedWithItsTargetAndTheOtherFilesStay() throws IOException {
        file("root/a.log");
        Path broken = Files.createSymbolicLink(dir.resolve("root/gone.log"), dir.resolve("nowhere.log"));
        InputFiles.Expansion e = InputFiles.expand(List.of(dir.resolve("root")));
        assertThat(e.files()).containsExactly(dir.resolve("root/a.log"));
        assertThat(e.unreadable()).isEmpty();
        assertThat(e.skipped()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo(broken);
            assertThat(u.reason()).contains("broken symbolic link").contains("nowhere.log");
        });
    }

    @Test
    void aBrokenLinkGivenAsPathIsUnreadableWithTheReason() throws IOException {
        Path broken = Files.createSymbolicLink(dir.resolve("gone"), dir.resolve("nowhere"));
        InputFiles.Expansion e = InputFiles.expand(List.of(broken));
        assertThat(e.files()).isEmpty();
        assertThat(e.unreadable())
                .singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("broken symbolic link"));
    }
}
