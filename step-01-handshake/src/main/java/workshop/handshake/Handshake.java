package workshop.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The opening handshake of RFC 6455 §4: the client asks, in plain HTTP, to switch the connection
 * to WebSocket; the server checks the request and answers 101 Switching Protocols, or refuses with
 * an HTTP error.
 */
public final class Handshake {

    /** RFC 6455 §1.3: a fixed GUID that no server unaware of WebSocket would know. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** RFC 6455 §4.2.1: the one protocol version, spoken by every browser since 2011. */
    public static final String VERSION = "13";

    private Handshake() {
    }

    /** RFC 6455 §4.2.2: the Sec-WebSocket-Accept value that proves the server read this key. */
    public static String acceptKey(String key) {
        // TODO 1: key + GUID as ASCII bytes, SHA-1 them, Base64 the 20-byte digest (RFC 6455 §4.2.2)
        throw new UnsupportedOperationException("TODO 1: Handshake.acceptKey");
    }

    /**
     * Checks that a request asks for a WebSocket connection the way RFC 6455 §4.2.1 says, and
     * returns its Sec-WebSocket-Key.
     *
     * @throws HandshakeException 426 for another protocol version, 400 for anything else amiss
     */
    public static String validate(HttpRequest request) throws HandshakeException {
        // TODO 2: check GET, HTTP/1.1, Host, Upgrade, Connection, version 13, a 16-byte key (RFC 6455 §4.2.1)
        throw new UnsupportedOperationException("TODO 2: Handshake.validate");
    }

    /** RFC 6455 §4.2.2: the answer that turns the connection into a WebSocket. */
    public static String accept(String key) {
        // TODO 3: the 101 status line, Upgrade, Connection, Sec-WebSocket-Accept, a blank line
        throw new UnsupportedOperationException("TODO 3: Handshake.accept");
    }

    /** The HTTP error answer to a refused request, with the reason as a short text body. */
    public static String reject(HandshakeException refusal) {
        // TODO 3: status line, Sec-WebSocket-Version for 426, Content-Type, Content-Length, Connection: close, the reason
        throw new UnsupportedOperationException("TODO 3: Handshake.reject");
    }

    /** The standard reason phrase of each status this server sends (RFC 9110 §15, RFC 6585 §5). */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 408 -> "Request Timeout";
            case 426 -> "Upgrade Required";
            case 431 -> "Request Header Fields Too Large";
            default -> "Error";
        };
    }

    /** Connection and Upgrade hold comma-separated, case-insensitive tokens: "keep-alive, Upgrade". */
    private static boolean hasToken(HttpRequest request, String header, String token) {
        return request.header(header).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(each -> each.strip().equalsIgnoreCase(token));
    }

    private static int decodedLength(String key) {
        try {
            return Base64.getDecoder().decode(key).length;
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
    }

    private static HandshakeException badRequest(String reason) {
        return new HandshakeException(400, reason);
    }
}
