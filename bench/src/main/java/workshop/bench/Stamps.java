package workshop.bench;

import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Every event the bench sends carries the moment it was made, as {@code bench#<System.nanoTime()>#},
 * inside whatever a server wraps around it (JSON, a name prefix, SSE lines). The clients that receive
 * it run in the same JVM as the one that made it, so the two clock readings compare.
 */
final class Stamps {

    private static final String MARK = "bench#";
    private static final byte[] MARK_BYTES = MARK.getBytes(StandardCharsets.US_ASCII);
    /** What a chat message says after its stamp, so that an event is the size of a short chat line. */
    private static final String TEXT = " hello everyone, the build is green";

    private Stamps() {
    }

    /** A new event's text, stamped now. */
    static String now() {
        return MARK + System.nanoTime() + "#" + TEXT;
    }

    /** Hands every stamp found in {@code text} to {@code stamps}. */
    static void scan(CharSequence text, LongConsumer stamps) {
        String s = text.toString();
        for (int at = s.indexOf(MARK); at >= 0; at = s.indexOf(MARK, at + 1)) {
            long value = 0;
            int i = at + MARK.length();
            int digits = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && digits < 19) {
                value = value * 10 + (s.charAt(i++) - '0');
                digits++;
            }
            if (digits > 0 && i < s.length() && s.charAt(i) == '#') {
                stamps.accept(value);
            }
        }
    }

    /** The same for bytes as they came off the wire (ASCII digits in UTF-8 text). */
    static void scan(byte[] bytes, int offset, int length, LongConsumer stamps) {
        int end = offset + length;
        for (int at = offset; at + MARK_BYTES.length <= end; at++) {
            if (!startsWithMark(bytes, at)) {
                continue;
            }
            long value = 0;
            int i = at + MARK_BYTES.length;
            int digits = 0;
            while (i < end && bytes[i] >= '0' && bytes[i] <= '9' && digits < 19) {
                value = value * 10 + (bytes[i++] - '0');
                digits++;
            }
            if (digits > 0 && i < end && bytes[i] == '#') {
                stamps.accept(value);
            }
        }
    }

    private static boolean startsWithMark(byte[] bytes, int at) {
        for (int k = 0; k < MARK_BYTES.length; k++) {
            if (bytes[at + k] != MARK_BYTES[k]) {
                return false;
            }
        }
        return true;
    }
}
