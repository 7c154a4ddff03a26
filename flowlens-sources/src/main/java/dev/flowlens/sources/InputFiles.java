package dev.flowlens.sources;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Expands the paths a user gives (files or folders, walked recursively) into files to read.
 * Symbolic links are followed, to files and to folders, whether given or met in a folder; a link
 * that leads back to a folder being walked (a cycle) is not walked again, and a link whose target
 * does not exist is reported; neither stops the other files from loading.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** A path that cannot be read, with the reason. */
    public record Unreadable(Path path, String reason) {
    }

    /**
     * The files found, in a stable order; the given paths that could not be read (these stop an
     * ingest); and the entries met inside folders that were skipped (broken links, link cycles).
     */
    public record Expansion(List<Path> files, List<Unreadable> unreadable, List<Unreadable> skipped) {
        public Expansion {
            files = List.copyOf(files);
            unreadable = List.copyOf(unreadable);
            skipped = List.copyOf(skipped);
        }

        public Expansion(List<Path> files, List<Unreadable> unreadable) {
            this(files, unreadable, List.of());
        }
    }

    public static Expansion expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        List<Unreadable> bad = new ArrayList<>();
        List<Unreadable> skipped = new ArrayList<>();
        for (Path p : paths) {
            boolean link = Files.isSymbolicLink(p);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                bad.add(new Unreadable(p, "no such file or folder"));
            } else if (link && !Files.exists(p)) {
                bad.add(new Unreadable(p, brokenLink(p)));
            } else if (Files.isDirectory(p)) {
                walk(p, files, bad, skipped);
            } else if (!Files.isReadable(p)) {
                bad.add(new Unreadable(p, "permission denied"));
            } else if (!Files.isRegularFile(p)) {
                bad.add(new Unreadable(p, "not a regular file"));
            } else {
                files.add(p);
            }
        }
        return new Expansion(files, bad, skipped);
    }

    private static void walk(Path root, List<Path> files, List<Unreadable> bad, List<Unreadable> skipped) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink()) {
                        // with FOLLOW_LINKS the walker hands over the link itself only when its target is missing
                        skipped.add(new Unreadable(f, brokenLink(f)));
                    } else if (attrs.isRegularFile() && !isHidden(f)) {
                        found.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    if (e instanceof FileSystemLoopException) {
                        skipped.add(new Unreadable(f, "symbolic link cycle: leads back to a folder being read, not read again"));
                    } else if (e instanceof NoSuchFileException && Files.isSymbolicLink(f)) {
                        skipped.add(new Unreadable(f, brokenLink(f)));
                    } else {
                        bad.add(new Unreadable(f, "cannot read: " + e.getMessage()));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            bad.add(new Unreadable(root, "cannot list folder: " + e.getMessage()));
        }
        found.sort(null);
        for (Path f : found) {
            if (Files.isReadable(f)) {
                files.add(f);
            } else {
                bad.add(new Unreadable(f, "permission denied"));
            }
        }
    }

    private static String brokenLink(Path link) {
        try {
            return "broken symbolic link: its target " + Files.readSymbolicLink(link) + " does not exist";
        } catch (IOException | UnsupportedOperationException e) {
            return "broken symbolic link: its target does not exist";
        }
    }

    private static boolean isHidden(Path f) {
        String name = f.getFileName().toString();
        return name.startsWith(".");
    }
}
