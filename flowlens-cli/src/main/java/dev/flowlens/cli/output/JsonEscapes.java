package dev.flowlens.cli.output;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON escapes beyond the standard ones (which cover C0 controls, quote and backslash): DEL, C1
 * controls and the Unicode bidirectional controls are written as backslash-u escapes, so JSON printed
 * on a terminal cannot drive it either. Values stay exact: a JSON reader decodes the same text.
 */
final class JsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = standardAsciiEscapesForJSON();

    static {
        ASCII[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch <= 0xffff && TerminalText.isControl((char) ch)) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
        return null;
    }
}
