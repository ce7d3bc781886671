package workshop.handshake;

import java.util.Map;
import java.util.TreeMap;

/** An HTTP response taken apart, so tests check its meaning rather than its header order. */
record Response(String statusLine, Map<String, String> headers, String body) {

    static Response parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("a response head ends with a blank line (CRLF CRLF); this has none:\n" + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 1) {
                throw new AssertionError("a header line is \"Name: value\"; this one is not: " + lines[i]);
            }
            headers.put(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
        }
        return new Response(lines[0], headers, text.substring(end + 4));
    }

    int status() {
        String[] parts = statusLine.split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }

    String header(String name) {
        return headers.get(name);
    }
}
