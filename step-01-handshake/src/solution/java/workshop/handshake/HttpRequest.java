package workshop.handshake;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The head of an HTTP request: the request line ({@code GET / HTTP/1.1}) and the header fields.
 * Header names are matched whatever their case, as RFC 9110 §5.1 says.
 */
public record HttpRequest(String method, String target, String version, Map<String, String> headers) {

    public HttpRequest {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        headers = Collections.unmodifiableMap(byName);
    }

    /** The value of a header field, if the request has it. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * Reads a request head: the text before the blank line, lines separated by CRLF, the request
     * line first, then one {@code Name: value} line per header (RFC 9112 §2 to §5). A header sent
     * on two lines, whatever the case of its name, is one value: {@code "first, second"}.
     *
     * @throws HandshakeException 400 when a line does not have that shape
     */
    public static HttpRequest parse(String head) throws HandshakeException {
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3) {
            throw new HandshakeException(400, "malformed request line: " + lines[0]);
        }
        // RFC 9110 §5.1: "Connection" and "connection" are one field, so their values merge too.
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 1) {
                throw new HandshakeException(400, "malformed header line: " + lines[i]);
            }
            String name = lines[i].substring(0, colon).strip();
            String value = lines[i].substring(colon + 1).strip();
            // RFC 9110 §5.3: a header sent on several lines means its values joined by commas.
            headers.merge(name, value, (first, next) -> first + ", " + next);
        }
        return new HttpRequest(requestLine[0], requestLine[1], requestLine[2], headers);
    }
}
