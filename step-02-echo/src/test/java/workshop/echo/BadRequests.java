package workshop.echo;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Upgrade requests that RFC 6455 §4.2.1 and RFC 9112 tell a server to refuse, each made from
 * {@link Wire#GOOD_REQUEST} by one change, with what Java-WebSocket 1.6 answers on its own and
 * what StrictConnection answers. The step README's table is this list.
 *
 * @param libraryAlone the status the library answers by itself; 0 when it answers nothing and holds the connection open
 * @param strict       the status StrictConnection answers
 * @param reason       a part of StrictConnection's reason, which it sends as the body
 */
record BadRequests(String name, byte[] request, int libraryAlone, int strict, String reason) {

    static final List<BadRequests> ALL = List.of(
            change("no Upgrade header", "Upgrade: websocket\r\n", "", 101, 400, "Upgrade header must name websocket"),
            change("Upgrade: h2c", "Upgrade: websocket", "Upgrade: h2c", 101, 400, "Upgrade header must name websocket"),
            change("no Connection header", "Connection: Upgrade\r\n", "", 101, 400, "Connection header must include Upgrade"),
            change("Connection: keep-alive only", "Connection: Upgrade", "Connection: keep-alive", 101, 400, "Connection header must include Upgrade"),
            change("a key of 8 bytes", "dGhlIHNhbXBsZSBub25jZQ==", "AAAAAAAAAAA=", 101, 400, "16 bytes in Base64"),
            change("a key that is not Base64", "dGhlIHNhbXBsZSBub25jZQ==", "not base64 at all!", 101, 400, "16 bytes in Base64"),
            change("no Host header", "Host: localhost\r\n", "", 101, 400, "Host header is missing"),
            change("two Host headers", "Host: localhost\r\n", "Host: localhost\r\nHost: example.com\r\n", 101, 400, "one Host header"),
            change("whitespace before a colon", "Upgrade: websocket", "Upgrade : websocket", 101, 400, "before a header's colon"),
            change("a folded header line", "Connection: Upgrade\r\n", "Connection: Upgrade\r\n x: y\r\n", 101, 400, "may not start with whitespace"),
            change("NUL bytes in the request line", "GET / HTTP", "GET /\0\0 HTTP", 101, 400, "not an HTTP request (byte 0x00)"),
            change("a 64 KiB header block", "\r\n\r\n", "\r\nX-Padding: " + "x".repeat(64 * 1024) + "\r\n\r\n", 101, 431, "over 8192 bytes"),
            change("Sec-WebSocket-Version: 8", "Version: 13", "Version: 8", 404, 426, "version 13 only"),
            change("no Sec-WebSocket-Version", "Sec-WebSocket-Version: 13\r\n", "", 404, 400, "Sec-WebSocket-Version header is missing"),
            change("POST instead of GET", "GET /", "POST /", 404, 400, "not an HTTP/1.1 GET request"),
            new BadRequests("garbage instead of HTTP", "hello, server\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 404, 400,
                    "not an HTTP/1.1 GET request"),
            // The first bytes of a TLS ClientHello: a client that speaks wss:// to a ws:// port.
            new BadRequests("TLS instead of HTTP", new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03},
                    0, 400, "not an HTTP request (byte 0x16)"),
            new BadRequests("half a request, then nothing", Wire.GOOD_REQUEST.substring(0, 30).getBytes(StandardCharsets.ISO_8859_1),
                    0, 408, "did not come within"));

    private static BadRequests change(String name, String from, String to, int libraryAlone, int strict, String reason) {
        if (!Wire.GOOD_REQUEST.contains(from)) {
            throw new IllegalArgumentException(from + " is not in the good request");
        }
        byte[] request = Wire.GOOD_REQUEST.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
        return new BadRequests(name, request, libraryAlone, strict, reason);
    }

    @Override
    public String toString() {
        return name;
    }
}
