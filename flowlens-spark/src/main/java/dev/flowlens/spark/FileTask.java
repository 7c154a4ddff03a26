package dev.flowlens.spark;

import java.io.Serializable;

/**
 * One flow log file to read in an executor, as the driver listed it.
 *
 * @param fileId the lake's id of the file (as {@code file_id} in {@code flows})
 * @param location its URI ({@code s3a://...}, {@code hdfs://...}, {@code file:/...}), to open it
 * @param path where it is as the manifest, bad lines and evidence name it: a local file's plain
 *     path (as the DuckDB workspace names it), else the URI
 * @param size its length when listed
 * @param modified its modification time in epoch milliseconds when listed
 */
public record FileTask(int fileId, String location, String path, long size, long modified) implements Serializable {}
