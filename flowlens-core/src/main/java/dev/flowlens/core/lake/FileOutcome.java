package dev.flowlens.core.lake;

import java.io.Serializable;

/**
 * How reading one file into a lake ended (in a Spark executor, or a workspace exported): what the
 * lake's manifest records of it, one JSON line per file, and what reading the lake back restores.
 *
 * @param status LOADED, PARTIAL (damage stopped reading; what came before is kept) or FAILED (nothing kept)
 * @param kind TEXT, GZIP, PARQUET or EMPTY (null when the file could not be opened)
 * @param formats the header lines of the formats its records had, one a line
 * @param error why reading stopped early, or null
 */
public record FileOutcome(
        int fileId,
        String path,
        long size,
        long modified,
        String sha256,
        String kind,
        String container,
        String formats,
        long records,
        long badLines,
        String status,
        String error)
        implements Serializable {}
