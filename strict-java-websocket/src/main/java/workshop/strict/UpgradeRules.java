package workshop.strict;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.Role;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.ClientHandshake;

/**
 * What RFC 6455 §4.2.1 and RFC 9112 ask of an upgrade request, checked the way step 1's server checks
 * it. Java-WebSocket 1.6 checks only the method, the HTTP version and Sec-WebSocket-Version: it
 * answers 101 to a request without Upgrade or Connection, or with a key that is not 16 bytes.
 */
final class UpgradeRules {

    /** RFC 6455 §4.2.1: the one protocol version, spoken by every browser since 2011. */
    static final String VERSION = "13";

    private UpgradeRules() {
    }

    /** Checks a whole request head, up to and with its blank line, free of control bytes; empty when it is a good upgrade. */
    static Optional<Refusal> check(byte[] head) {
        // ISO-8859-1 maps each byte to one char, so no byte is lost or merged before the checks.
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            if (i > 0 && (lines[i].startsWith(" ") || lines[i].startsWith("\t"))) {
                return refuse("a header line may not start with whitespace (RFC 9112 §5.2)");
            }
            int colon = lines[i].indexOf(':');
            if (i > 0 && colon > 0 && Character.isWhitespace(lines[i].charAt(colon - 1))) {
                return refuse("no whitespace is allowed before a header's colon (RFC 9112 §5.1)");
            }
        }
        ClientHandshake request;
        try {
            // The library's own parser: the same reading of the request as the one it goes on to answer.
            request = (ClientHandshake) Draft.translateHandshakeHttp(ByteBuffer.wrap(head), Role.SERVER);
        } catch (InvalidHandshakeException notHttp) {
            return refuse("not an HTTP/1.1 GET request with headers");
        }
        return check(request);
    }

    private static Optional<Refusal> check(ClientHandshake request) {
        String host = request.getFieldValue("Host").strip();
        if (host.isEmpty()) {
            return refuse("the Host header is missing");
        }
        // The library joins a header sent twice with "; ": two Host headers name two hosts.
        if (host.contains(";") || host.contains(",")) {
            return refuse("the request must have one Host header (RFC 9112 §3.2)");
        }
        if (!hasToken(request, "Upgrade", "websocket")) {
            return refuse("the Upgrade header must name websocket");
        }
        if (!hasToken(request, "Connection", "Upgrade")) {
            return refuse("the Connection header must include Upgrade");
        }
        String version = request.getFieldValue("Sec-WebSocket-Version").strip();
        if (version.isEmpty()) {
            return refuse("the Sec-WebSocket-Version header is missing");
        }
        if (!version.equals(VERSION)) {
            // RFC 6455 §4.4: a version the server does not speak gets 426 and the version it does.
            return Optional.of(new Refusal(426, "this server speaks WebSocket version " + VERSION + " only"));
        }
        if (decodedLength(request.getFieldValue("Sec-WebSocket-Key").strip()) != 16) {
            return refuse("the Sec-WebSocket-Key must be 16 bytes in Base64");
        }
        return Optional.empty();
    }

    /** Connection and Upgrade hold comma-separated, case-insensitive tokens: "keep-alive, Upgrade". */
    private static boolean hasToken(ClientHandshake request, String header, String token) {
        return Arrays.stream(request.getFieldValue(header).split("[,;]"))
                .anyMatch(each -> each.strip().equalsIgnoreCase(token));
    }

    private static int decodedLength(String key) {
        try {
            return Base64.getDecoder().decode(key).length;
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
    }

    private static Optional<Refusal> refuse(String reason) {
        return Optional.of(Refusal.badRequest(reason));
    }
}
