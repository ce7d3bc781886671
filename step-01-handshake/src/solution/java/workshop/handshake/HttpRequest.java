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
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3) {
            throw new HandshakeException(400, "malformed request line: " + lines[0]);
        }
        // RFC 9110 §5.1: "Connection" and "connection" are one field, so their values merge too.
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(" ") || line.startsWith("\t")) {
                // RFC 9112 §5.2: a line that starts with whitespace continues the one before it
                // ("obs-fold"), a form HTTP/1.1 no longer allows; servers that read it differently
                // disagree on where one header ends.
                throw new HandshakeException(400, "obsolete line folding is not accepted: " + line);
            }
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new HandshakeException(400, "malformed header line: " + line);
            }
            String name = line.substring(0, colon);
            if (!name.equals(name.strip())) {
                // RFC 9112 §5.1: a proxy might read "Host :" as another header than this server does.
                throw new HandshakeException(400, "whitespace between a header name and its colon: " + line);
            }
            if (name.equalsIgnoreCase("Host") && headers.containsKey("Host")) {
                // RFC 9112 §3.2: two Hosts name two servers, and the request can be for one only.
                throw new HandshakeException(400, "more than one Host header");
            }
            String value = line.substring(colon + 1).strip();
            // RFC 9110 §5.3: a header sent on several lines means its values joined by commas.
            headers.merge(name, value, (first, next) -> first + ", " + next);
        }
        return new HttpRequest(requestLine[0], requestLine[1], requestLine[2], headers);
    }
}
