package workshop.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import workshop.progress.Hint;

@DisplayName("Task 3: answer 101 to a good upgrade, 400 or 426 to a bad one")
@Hint("Handshake.accept and Handshake.reject write the response: status line, headers, blank line (RFC 6455 §4.2.2)")
class Task3RespondTest {

    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    @DisplayName("accept writes 101 Switching Protocols with Upgrade, Connection and Sec-WebSocket-Accept")
    void acceptResponse() {
        String text = Handshake.accept(Requests.KEY);
        Response response = Response.parse(text);

        assertEquals("HTTP/1.1 101 Switching Protocols", response.statusLine(), "Handshake.accept: the status line");
        assertEquals("websocket", response.header("Upgrade"), "Handshake.accept: the Upgrade header");
        assertEquals("Upgrade", response.header("Connection"), "Handshake.accept: the Connection header");
        assertEquals(Requests.ACCEPT, response.header("Sec-WebSocket-Accept"),
                "Handshake.accept: Sec-WebSocket-Accept is Handshake.acceptKey of the client's key");
        assertTrue(text.endsWith("\r\n\r\n"), "Handshake.accept: the head ends with a blank line, and nothing follows it");
    }

    @Test
    @DisplayName("reject writes the status, Content-Length and the reason as the body")
    void rejectResponse() {
        Response response = Response.parse(Handshake.reject(new HandshakeException(400, "the Host header is missing")));

        assertEquals("HTTP/1.1 400 Bad Request", response.statusLine(), "Handshake.reject: the status line");
        assertTrue(response.body().contains("the Host header is missing"),
                "Handshake.reject: the body should give the reason; came: " + response.body());
        assertEquals(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length),
                response.header("Content-Length"), "Handshake.reject: Content-Length is the body's size in bytes");
    }

    @Test
    @DisplayName("reject names version 13 in Sec-WebSocket-Version when it answers 426 (RFC 6455 §4.4)")
    void reject426NamesVersion() {
        Response response = Response.parse(Handshake.reject(new HandshakeException(426, "version 13 only")));

        assertEquals("HTTP/1.1 426 Upgrade Required", response.statusLine(), "Handshake.reject: the status line");
        assertEquals("13", response.header("Sec-WebSocket-Version"),
                "Handshake.reject: a 426 tells the client which version to use instead");
    }

    @Test
    @DisplayName("a browser's upgrade request gets 101 and the right Sec-WebSocket-Accept over a socket")
    void upgradesBrowser() throws IOException {
        try (WireClient browser = server.connect()) {
            browser.send(Requests.wire(Requests.CHROMIUM));

            Response response = Response.parse(browser.readResponseHead());
            assertEquals(101, response.status(), "status of the answer to Chromium's request; came: " + response.statusLine());
            assertEquals(Requests.ACCEPT, response.header("Sec-WebSocket-Accept"), "Sec-WebSocket-Accept in the 101 response");
        }
    }

    @Test
    @DisplayName("a request for version 8 gets 426 with Sec-WebSocket-Version: 13, then the connection closes")
    void answers426() throws IOException {
        try (WireClient client = server.connect()) {
            client.send(Requests.wire(Requests.chromiumWith("Sec-WebSocket-Version", "8")));

            Response response = client.readResponse();
            assertEquals(426, response.status(), "the answer to version 8; came: " + response.statusLine());
            assertEquals("13", response.header("Sec-WebSocket-Version"), "the 426 answer names the version to use");
            client.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("a request without Sec-WebSocket-Key gets 400 with a reason, then the connection closes")
    void answers400() throws IOException {
        try (WireClient client = server.connect()) {
            client.send(Requests.wire(Requests.chromiumWith("Sec-WebSocket-Key", null)));

            Response response = client.readResponse();
            assertEquals(400, response.status(), "the answer to a request without a key; came: " + response.statusLine());
            assertTrue(response.body().contains("Sec-WebSocket-Key"),
                    "the body should say what is wrong; came: " + response.body());
            client.assertClosedByServer();
        }
    }

    /** What a hostile client sends instead of a good upgrade (Chromium's), and what RFC 6455 and RFC 9112 ask for. */
    static Stream<Arguments> hostileRequests() {
        String good = Requests.CHROMIUM;
        return Stream.of(
                Arguments.of("no Upgrade header", Requests.chromiumWith("Upgrade", null), 400),
                Arguments.of("Upgrade: h2c", Requests.chromiumWith("Upgrade", "h2c"), 400),
                Arguments.of("no Connection header", Requests.chromiumWith("Connection", null), 400),
                Arguments.of("Connection: keep-alive only", Requests.chromiumWith("Connection", "keep-alive"), 400),
                Arguments.of("a key of 8 bytes", Requests.chromiumWith("Sec-WebSocket-Key", "AAAAAAAAAAA="), 400),
                Arguments.of("a key that is not Base64", Requests.chromiumWith("Sec-WebSocket-Key", "not base64 at all!"), 400),
                Arguments.of("two Host headers", good + "\r\nHost: example.com", 400),
                Arguments.of("whitespace before a colon", good.replace("Upgrade: websocket", "Upgrade : websocket"), 400),
                Arguments.of("a folded header line", good.replace("Connection: Upgrade", "Connection: Upgrade\r\n x: y"), 400),
                Arguments.of("NUL bytes in the request line", good.replace("GET / HTTP", "GET /\0\0 HTTP"), 400),
                Arguments.of("a 64 KiB header block", good + "\r\nX-Padding: " + "x".repeat(64 * 1024), 431),
                Arguments.of("Sec-WebSocket-Version: 8", Requests.chromiumWith("Sec-WebSocket-Version", "8"), 426),
                Arguments.of("no Sec-WebSocket-Version", Requests.chromiumWith("Sec-WebSocket-Version", null), 400));
    }

    @ParameterizedTest(name = "{0} gets {2}, then the connection closes")
    @MethodSource("hostileRequests")
    @DisplayName("a hostile upgrade request gets its 4xx with a reason, never 101, then the connection closes")
    void refusesHostileRequests(String what, String head, int status) throws IOException {
        try (WireClient client = server.connect()) {
            client.send(Requests.wire(head));

            Response response = client.readResponse();
            assertEquals(status, response.status(), "the answer to a request with " + what + "; came: "
                    + response.statusLine() + " " + response.body().strip());
            assertFalse(response.body().isBlank(), "the " + status + " should say why in its body; it has none");
            client.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("a request head over Limits.MAX_HEADER_BYTES gets 431, and the next client is still served")
    void answers431ToHugeHead() throws IOException {
        try (WireClient client = server.connect()) {
            client.send(Requests.wire(Requests.CHROMIUM + "\r\nCookie: " + "x".repeat(Limits.MAX_HEADER_BYTES)));

            Response response = client.readResponse();
            assertEquals(431, response.status(), "the answer to a head over " + Limits.MAX_HEADER_BYTES
                    + " bytes; came: " + response.statusLine());
            client.assertClosedByServer();
        }
        try (WireClient next = server.connect()) {
            next.upgrade();
        }
    }

    @Test
    @DisplayName("a request that never ends gets 408 after the handshake timeout, and the next client is still served")
    void answers408ToUnfinishedRequest() throws IOException {
        try (WireClient client = server.connect()) {
            client.send("GET / HTTP/1.1\r\nHost: localhost\r\n");

            Response response = client.readResponse();
            assertEquals(408, response.status(), "the answer to a request unfinished after "
                    + TestServer.HANDSHAKE_TIMEOUT.toMillis() + " ms; came: " + response.statusLine());
            client.assertClosedByServer();
        }
        try (WireClient next = server.connect()) {
            next.upgrade();
        }
    }

    @Test
    @DisplayName("bytes that are not HTTP (a TLS hello) get 400, and the next client is still served")
    void answers400ToTls() throws IOException {
        try (WireClient client = server.connect()) {
            // How a TLS ClientHello starts: what a wss:// or https:// URL sends to this plain server.
            client.send(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03});

            Response response = client.readResponse();
            assertEquals(400, response.status(), "the answer to TLS bytes; came: " + response.statusLine());
            client.assertClosedByServer();
        }
        try (WireClient next = server.connect()) {
            next.upgrade();
        }
    }

    @Test
    @DisplayName("a line of text that is not a request gets 400, and the next client is still served")
    void answers400ToGarbage() throws IOException {
        try (WireClient client = server.connect()) {
            client.send("HELLO SERVER, ARE YOU THERE?\r\n\r\n");

            Response response = client.readResponse();
            assertEquals(400, response.status(), "the answer to a line that is no request; came: " + response.statusLine());
            client.assertClosedByServer();
        }
        try (WireClient next = server.connect()) {
            next.upgrade();
        }
    }

    @Test
    @DisplayName("a client that says nothing does not keep the next one from its handshake")
    void silentClientBlocksNobody() throws IOException {
        try (WireClient silent = server.connect(); WireClient next = server.connect()) {
            next.upgrade();
        }
    }

    @Test
    @DisplayName("the JDK's own WebSocket client completes the handshake")
    void jdkClientConnects() throws InterruptedException {
        // connect fails unless the client accepted the 101: its status, Upgrade, Connection and
        // Sec-WebSocket-Accept. What the socket does next is tasks 4 to 6.
        JdkClient client = JdkClient.connect(server.uri());

        assertEquals("", client.webSocket().getSubprotocol(),
                "the 101 should choose no subprotocol: Handshake.accept sends no Sec-WebSocket-Protocol");
        client.webSocket().abort();
    }
}
