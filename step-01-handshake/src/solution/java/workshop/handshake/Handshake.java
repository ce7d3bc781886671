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
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-1 (see MessageDigest's documentation).
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks that a request asks for a WebSocket connection the way RFC 6455 §4.2.1 says, and
     * returns its Sec-WebSocket-Key.
     *
     * @throws HandshakeException 426 for another protocol version, 400 for anything else amiss
     */
    public static String validate(HttpRequest request) throws HandshakeException {
        if (!request.method().equals("GET")) {
            throw badRequest("the method must be GET, not " + request.method());
        }
        if (!request.version().equals("HTTP/1.1")) {
            throw badRequest("the HTTP version must be HTTP/1.1, not " + request.version());
        }
        if (request.header("Host").isEmpty()) {
            throw badRequest("the Host header is missing");
        }
        if (!hasToken(request, "Upgrade", "websocket")) {
            throw badRequest("the Upgrade header must name websocket");
        }
        if (!hasToken(request, "Connection", "Upgrade")) {
            throw badRequest("the Connection header must include Upgrade");
        }
        String version = request.header("Sec-WebSocket-Version")
                .orElseThrow(() -> badRequest("the Sec-WebSocket-Version header is missing"));
        if (!version.equals(VERSION)) {
            // RFC 6455 §4.4: a version the server does not speak gets 426 and the versions it does.
            throw new HandshakeException(426, "this server speaks WebSocket version " + VERSION + " only");
        }
        String key = request.header("Sec-WebSocket-Key")
                .orElseThrow(() -> badRequest("the Sec-WebSocket-Key header is missing"));
        if (decodedLength(key) != 16) {
            throw badRequest("the Sec-WebSocket-Key must be 16 bytes in Base64");
        }
        return key;
    }

    /** RFC 6455 §4.2.2: the answer that turns the connection into a WebSocket. */
    public static String accept(String key) {
        return "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n"
                + "\r\n";
    }

    /** The HTTP error answer to a refused request, with the reason as a short text body. */
    public static String reject(HandshakeException refusal) {
        String body = refusal.reason() + "\n";
        return "HTTP/1.1 " + refusal.status() + " " + reasonPhrase(refusal.status()) + "\r\n"
                // RFC 6455 §4.4: tell the client which version to try instead.
                + (refusal.status() == 426 ? "Sec-WebSocket-Version: " + VERSION + "\r\n" : "")
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + body;
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
