package workshop.handshake;

/** Shows bytes the way a hex editor does: offset, 16 bytes in hex, the same bytes as ASCII. */
final class HexDump {

    /** A 64 KiB frame would flood the log; its first rows tell the story. */
    private static final int SHOWN_BYTES = 256;

    private HexDump() {
    }

    static String of(byte[] bytes) {
        StringBuilder dump = new StringBuilder();
        int shown = Math.min(bytes.length, SHOWN_BYTES);
        for (int row = 0; row < shown; row += 16) {
            StringBuilder ascii = new StringBuilder();
            dump.append(String.format("  %04x  ", row));
            for (int i = row; i < row + 16; i++) {
                if (i < shown) {
                    int b = bytes[i] & 0xFF;
                    dump.append(String.format("%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
                } else {
                    dump.append("   ");
                }
            }
            dump.append(' ').append(ascii).append('\n');
        }
        if (shown < bytes.length) {
            dump.append("  ... ").append(bytes.length - shown).append(" more bytes\n");
        }
        return dump.toString().stripTrailing();
    }
}
