package workshop.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import workshop.progress.Hint;

@DisplayName("Task 2: parse and validate the upgrade request")
@Hint("HttpRequest.parse splits the head into lines; Handshake.validate checks what RFC 6455 §4.2.1 lists")
class Task2ParseRequestTest {

    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    @DisplayName("parse reads the request line and the headers")
    void parsesRequestLineAndHeaders() throws HandshakeException {
        HttpRequest request = HttpRequest.parse(Requests.CHROMIUM.replace("GET / ", "GET /chat "));

        assertEquals("GET", request.method(), "HttpRequest.parse: the method is the request line's first word");
        assertEquals("/chat", request.target(), "HttpRequest.parse: the target is the request line's second word");
        assertEquals("HTTP/1.1", request.version(), "HttpRequest.parse: the version is the request line's third word");
        assertEquals("localhost:8081", request.header("Host").orElse(null),
                "HttpRequest.parse: a header line is \"Name: value\", the value without surrounding spaces");
        assertEquals("permessage-deflate; client_max_window_bits",
                request.header("Sec-WebSocket-Extensions").orElse(null),
                "HttpRequest.parse: the value is everything after the first colon");
    }

    @Test
    @DisplayName("parse joins a header sent on two lines with a comma (RFC 9110 §5.3)")
    void joinsRepeatedHeaders() throws HandshakeException {
        HttpRequest request = HttpRequest.parse("GET / HTTP/1.1\r\nConnection: keep-alive\r\nConnection: Upgrade");

        assertEquals("keep-alive, Upgrade", request.header("Connection").orElse(null),
                "HttpRequest.parse: two Connection lines mean one value, \"first, second\"");
    }

    @Test
    @DisplayName("parse joins a header sent twice even when the two names differ in case (RFC 9110 §5.1)")
    void joinsRepeatedHeadersWhateverTheirCase() throws HandshakeException {
        HttpRequest request = HttpRequest.parse("GET / HTTP/1.1\r\nConnection: keep-alive\r\nconnection: Upgrade");

        assertEquals("keep-alive, Upgrade", request.header("Connection").orElse(null),
                "HttpRequest.parse: \"Connection\" and \"connection\" are the same field; merge into a map that ignores case");
    }

    @Test
    @DisplayName("parse refuses a request line that is not METHOD TARGET VERSION with 400")
    void refusesMalformedRequestLine() {
        HandshakeException refusal = assertThrows(HandshakeException.class, () -> HttpRequest.parse("HELLO"),
                "HttpRequest.parse(\"HELLO\") should throw a HandshakeException");
        assertEquals(400, refusal.status(), "HttpRequest.parse: a malformed request line is a 400 Bad Request");
    }

    @Test
    @DisplayName("parse refuses a header line without a colon with 400")
    void refusesHeaderLineWithoutColon() {
        HandshakeException refusal = assertThrows(HandshakeException.class,
                () -> HttpRequest.parse("GET / HTTP/1.1\r\nHost localhost"),
                "HttpRequest.parse: \"Host localhost\" is not a header line and should throw a HandshakeException");
        assertEquals(400, refusal.status(), "HttpRequest.parse: a malformed header line is a 400 Bad Request");
    }

    static Stream<Arguments> badHeaderLines() {
        return Stream.of(
                Arguments.of("whitespace between a header name and its colon (RFC 9112 §5.1)",
                        Requests.CHROMIUM.replace("Host: ", "Host : ")),
                Arguments.of("a second Host header (RFC 9112 §3.2)", Requests.CHROMIUM + "\r\nHost: elsewhere.example"),
                Arguments.of("a second host header, in lower case (RFC 9112 §3.2)", Requests.CHROMIUM + "\r\nhost: elsewhere.example"),
                Arguments.of("a line that starts with a space, an obsolete folded line (RFC 9112 §5.2)",
                        Requests.CHROMIUM.replace("\r\nUpgrade: websocket", "\r\nUpgrade: websocket\r\n x: y")),
                Arguments.of("a line that starts with a tab, an obsolete folded line (RFC 9112 §5.2)",
                        Requests.CHROMIUM.replace("\r\nUpgrade: websocket", "\r\nUpgrade:\r\n\twebsocket")));
    }

    @ParameterizedTest(name = "parse refuses {0} with 400")
    @MethodSource("badHeaderLines")
    @DisplayName("parse refuses header lines that HTTP/1.1 forbids with 400")
    void refusesForbiddenHeaderLines(String what, String head) {
        HandshakeException refusal = assertThrows(HandshakeException.class, () -> HttpRequest.parse(head),
                "HttpRequest.parse should throw a HandshakeException for " + what + "; the request was:\n" + head);
        assertEquals(400, refusal.status(), "HttpRequest.parse, for " + what + ": the status should be 400 Bad Request");
    }

    @Test
    @DisplayName("validate accepts Chromium's request and returns its key")
    void acceptsChromium() throws HandshakeException {
        assertEquals(Requests.KEY, Handshake.validate(HttpRequest.parse(Requests.CHROMIUM)),
                "Handshake.validate should return the Sec-WebSocket-Key of a valid request");
    }

    @Test
    @DisplayName("validate accepts Firefox's request, whose Connection header is \"keep-alive, Upgrade\"")
    void acceptsFirefox() throws HandshakeException {
        assertEquals(Requests.KEY, Handshake.validate(HttpRequest.parse(Requests.FIREFOX)),
                "Handshake.validate: Connection is a list of tokens; Upgrade only has to be one of them");
    }

    @Test
    @DisplayName("validate takes header names and the Upgrade and Connection tokens in any case")
    void acceptsAnyCase() throws HandshakeException {
        String shouting = Requests.chromiumWith("Upgrade", "WebSocket")
                .replace("Connection: Upgrade", "connection: upgrade")
                .replace("Sec-WebSocket-Key:", "sec-websocket-key:");

        assertEquals(Requests.KEY, Handshake.validate(HttpRequest.parse(shouting)),
                "Handshake.validate: header names and these tokens are case-insensitive (RFC 9110 §5.1, RFC 6455 §4.2.1)");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("the method is POST", Requests.CHROMIUM.replace("GET /", "POST /")),
                Arguments.of("the version is HTTP/1.0", Requests.CHROMIUM.replace("HTTP/1.1", "HTTP/1.0")),
                Arguments.of("there is no Host header", Requests.chromiumWith("Host", null)),
                Arguments.of("Upgrade names h2c, not websocket", Requests.chromiumWith("Upgrade", "h2c")),
                Arguments.of("there is no Upgrade header", Requests.chromiumWith("Upgrade", null)),
                Arguments.of("Connection is keep-alive only", Requests.chromiumWith("Connection", "keep-alive")),
                Arguments.of("there is no Sec-WebSocket-Version", Requests.chromiumWith("Sec-WebSocket-Version", null)),
                Arguments.of("there is no Sec-WebSocket-Key", Requests.chromiumWith("Sec-WebSocket-Key", null)),
                Arguments.of("the key is not Base64", Requests.chromiumWith("Sec-WebSocket-Key", "not a key!")),
                Arguments.of("the key decodes to 15 bytes, not 16",
                        Requests.chromiumWith("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAA")));
    }

    @ParameterizedTest(name = "validate refuses with 400 when {0}")
    @MethodSource("badRequests")
    @DisplayName("validate refuses a malformed upgrade with 400")
    void refusesWith400(String what, String head) throws HandshakeException {
        HttpRequest request = HttpRequest.parse(head);
        HandshakeException refusal = assertThrows(HandshakeException.class, () -> Handshake.validate(request),
                "Handshake.validate should refuse the request when " + what + " (RFC 6455 §4.2.1)");
        assertEquals(400, refusal.status(), "Handshake.validate when " + what + ": the status should be 400 Bad Request");
    }

    @Test
    @DisplayName("validate refuses Sec-WebSocket-Version 8 with 426 (RFC 6455 §4.4)")
    void refusesOtherVersionWith426() throws HandshakeException {
        HttpRequest request = HttpRequest.parse(Requests.chromiumWith("Sec-WebSocket-Version", "8"));

        HandshakeException refusal = assertThrows(HandshakeException.class, () -> Handshake.validate(request),
                "Handshake.validate should refuse version 8: this server speaks version 13");
        assertEquals(426, refusal.status(), "Handshake.validate: another version is 426 Upgrade Required (RFC 6455 §4.4)");
    }

    @Test
    @DisplayName("a plain GET / gets the page whose script opens the WebSocket")
    void servesThePage() throws IOException {
        try (WireClient browser = server.connect()) {
            browser.send(Requests.wire("GET / HTTP/1.1\r\nHost: localhost\r\nAccept: text/html"));

            Response response = browser.readResponse();
            assertEquals(200, response.status(), "GET / without Upgrade should get the page; came: " + response.statusLine());
            assertTrue(response.body().contains("new WebSocket("), "the page should open a WebSocket; came:\n" + response.body());
        }
    }
}
