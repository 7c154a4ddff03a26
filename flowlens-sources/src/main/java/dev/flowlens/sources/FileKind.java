package dev.flowlens.sources;

/** What a file holds, recognised by its first bytes, whatever its name. */
public enum FileKind {
    TEXT,
    GZIP,
    PARQUET,
    EMPTY;

    /** From the first (up to four) bytes of a file. */
    public static FileKind sniff(byte[] head, int length) {
        if (length == 0) {
            return EMPTY;
        }
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return PARQUET;
        }
        return TEXT;
    }
}
