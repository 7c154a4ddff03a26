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
    private InputFiles() {}

    /** Why a path cannot be read. */
    public enum Cause {
        /** Nothing is at the path. */
        MISSING,
        /** A symbolic link whose target does not exist. */
        BROKEN_LINK,
        /** A symbolic link back to a folder being walked. */
        LINK_CYCLE,
        /** The path exists but this user may not read it. */
        PERMISSION_DENIED,
        /** Neither a regular file nor a folder (a device, a socket). */
        NOT_A_FILE,
        /** An I/O error while listing or reading. */
        IO_ERROR
    }

    /** A path that cannot be read, why, and the reason in words. */
    public record Unreadable(Path path, Cause cause, String reason) {}

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
                bad.add(new Unreadable(p, Cause.MISSING, "no such file or folder"));
            } else if (link && !Files.exists(p)) {
                bad.add(new Unreadable(p, Cause.BROKEN_LINK, brokenLink(p)));
            } else if (Files.isDirectory(p)) {
                walk(p, files, bad, skipped);
            } else if (!Files.isReadable(p)) {
                bad.add(new Unreadable(p, Cause.PERMISSION_DENIED, "permission denied"));
            } else if (!Files.isRegularFile(p)) {
                bad.add(new Unreadable(p, Cause.NOT_A_FILE, "not a regular file"));
            } else {
                files.add(p);
            }
        }
        return new Expansion(files, bad, skipped);
    }

    private static void walk(Path root, List<Path> files, List<Unreadable> bad, List<Unreadable> skipped) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(
                    root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            if (attrs.isSymbolicLink()) {
                                // with FOLLOW_LINKS the walker hands over the link itself only when its target is
                                // missing
                                skipped.add(new Unreadable(f, Cause.BROKEN_LINK, brokenLink(f)));
                            } else if (attrs.isRegularFile() && !isHidden(f)) {
                                found.add(f);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            if (e instanceof FileSystemLoopException) {
                                skipped.add(new Unreadable(
                                        f,
                                        Cause.LINK_CYCLE,
                                        "symbolic link cycle: leads back to a folder being read, not read again"));
                            } else if (e instanceof NoSuchFileException && Files.isSymbolicLink(f)) {
                                skipped.add(new Unreadable(f, Cause.BROKEN_LINK, brokenLink(f)));
                            } else {
                                bad.add(new Unreadable(f, Cause.IO_ERROR, "cannot read: " + e.getMessage()));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            bad.add(new Unreadable(root, Cause.IO_ERROR, "cannot list folder: " + e.getMessage()));
        }
        found.sort(null);
        for (Path f : found) {
            if (Files.isReadable(f)) {
                files.add(f);
            } else {
                bad.add(new Unreadable(f, Cause.PERMISSION_DENIED, "permission denied"));
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
