package dev.flowlens.spark;

import java.io.Serializable;

/**
 * How reading one file ended in an executor: what the manifest records of it.
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
