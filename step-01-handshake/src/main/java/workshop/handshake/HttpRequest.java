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
     * on two lines, whatever the case of its name, is one value: {@code "first, second"}; but
     * {@code Host} may come only once (RFC 9112 §3.2).
     *
     * @throws HandshakeException 400 when a line does not have that shape, when a header name is
     *                            followed by whitespace before its colon (§5.1), when a line starts
     *                            with whitespace (an obsolete folded line, §5.2), or for a second Host
     */
    public static HttpRequest parse(String head) throws HandshakeException {
        // TODO 2: split on CRLF; "METHOD TARGET VERSION", then "Name: value" lines merged whatever their case; 400 for each bad line listed above
        throw new UnsupportedOperationException("TODO 2: HttpRequest.parse");
    }
}
