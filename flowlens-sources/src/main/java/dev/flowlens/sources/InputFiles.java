package dev.flowlens.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the paths a user gives (files or folders, walked recursively) into files to read. */
public final class InputFiles {
    private InputFiles() {
    }

    /** A path that cannot be read, with the reason. */
    public record Unreadable(Path path, String reason) {
    }

    /** The files found, in a stable order, and the paths that could not be read. */
    public record Expansion(List<Path> files, List<Unreadable> unreadable) {
        public Expansion {
            files = List.copyOf(files);
            unreadable = List.copyOf(unreadable);
        }
    }

    public static Expansion expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        List<Unreadable> bad = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
                bad.add(new Unreadable(p, "no such file or folder"));
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> !isHidden(f)).sorted().forEach(f -> {
                        if (Files.isReadable(f)) {
                            files.add(f);
                        } else {
                            bad.add(new Unreadable(f, "permission denied"));
                        }
                    });
                } catch (IOException | UncheckedIOException e) {
                    bad.add(new Unreadable(p, "cannot list folder: " + e.getMessage()));
                }
            } else if (!Files.isReadable(p)) {
                bad.add(new Unreadable(p, "permission denied"));
            } else if (!Files.isRegularFile(p)) {
                bad.add(new Unreadable(p, "not a regular file"));
            } else {
                files.add(p);
            }
        }
        return new Expansion(files, bad);
    }

    private static boolean isHidden(Path f) {
        String name = f.getFileName().toString();
        return name.startsWith(".");
    }
}
