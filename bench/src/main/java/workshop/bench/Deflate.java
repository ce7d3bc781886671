package workshop.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The client's side of permessage-deflate (RFC 7692), as much as a bench client needs: the offer a
 * browser makes, what the server's 101 accepted, and the messages of one connection put back together
 * and inflated. Its own messages the bench client sends uncompressed, which RFC 7692 §6 allows (a
 * sender chooses per message): the server's cost that matters is the broadcast, not the 30 sends.
 */
final class Deflate {

    /** What Chromium offers on every upgrade. */
    static final String OFFER = "permessage-deflate; client_max_window_bits";
    /** RFC 7692 §7.2.2: the sender drops these four bytes from the end of each compressed message. */
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private Deflate() {
    }

    /** The {@code Sec-WebSocket-Extensions} the response headers carry, or "" when they carry none. */
    static String answered(byte[] response, int length) {
        for (String line : new String(response, 0, length, StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-extensions")) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    /** True when the answer turned permessage-deflate on: the server may now send compressed messages. */
    static boolean accepted(String extensions) {
        return extensions.toLowerCase(Locale.ROOT).contains("permessage-deflate");
    }

    /** Receives each whole data message, inflated when it came compressed, or a control frame. */
    interface MessageHandler {
        void message(int opcode, byte[] payload, int offset, int length);
    }

    /**
     * One connection's incoming frames turned into messages. Uncompressed data frames pass through as they
     * come; a compressed message (RSV1 on its first frame, RFC 7692 §6) is gathered to its last frame and
     * inflated. The inflater lives as long as the connection: with context takeover (the default), each
     * message may point back into the ones before it. It is made at the first compressed message, so an
     * idle connection costs the bench nothing.
     */
    static final class Messages {
        private final WsFrames.Reader frames = new WsFrames.Reader();
        private Inflater inflater;
        private ByteArrayOutputStream compressed;
        private int compressedOpcode;
        private byte[] out = new byte[4096];

        void feed(byte[] bytes, int offset, int length, MessageHandler handler) {
            frames.feedWithHeads(bytes, offset, length, (head, payload, at, size) -> frame(head, payload, at, size, handler));
        }

        private void frame(int head, byte[] payload, int at, int size, MessageHandler handler) {
            int opcode = head & 0x0F;
            boolean fin = (head & 0x80) != 0;
            if (opcode >= 0x8) {
                handler.message(opcode, payload, at, size);
                return;
            }
            if (compressed == null && (head & 0x40) == 0) {
                handler.message(opcode, payload, at, size);
                return;
            }
            if (compressed == null) {
                compressed = new ByteArrayOutputStream(Math.max(64, size + TAIL.length));
                compressedOpcode = opcode;
            }
            compressed.write(payload, at, size);
            if (fin) {
                compressed.write(TAIL, 0, TAIL.length);
                int inflated = inflate(compressed.toByteArray());
                compressed = null;
                handler.message(compressedOpcode, out, 0, inflated);
            }
        }

        private int inflate(byte[] input) {
            if (inflater == null) {
                inflater = new Inflater(true);
            }
            inflater.setInput(input);
            int length = 0;
            try {
                while (true) {
                    if (length == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    int n = inflater.inflate(out, length, out.length - length);
                    length += n;
                    if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                        return length;
                    }
                }
            } catch (DataFormatException e) {
                throw new IllegalStateException("a compressed message that does not inflate: " + e.getMessage(), e);
            }
        }

        /** Frees the inflater's native memory now rather than at some later collection. */
        void close() {
            if (inflater != null) {
                inflater.end();
                inflater = null;
            }
        }
    }
}
