package workshop.reliable;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import workshop.chattest.ChatClient;
import workshop.chattest.ServerLog;
import workshop.chattest.TestClock;
import workshop.core.Hub;
import workshop.core.OriginCheck;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;

/** The reliable chat on a free port, with a clock the test controls and its log captured. */
final class ChatServer implements AutoCloseable {

    static final String PASSPHRASE = "test passphrase";
    /** RFC 6455 §1.3's sample key: 16 bytes in Base64. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final TestClock clock = new TestClock(Instant.parse("2026-03-14T09:26:53Z"));
    final Tokens tokens = new Tokens("a key for the tests, 32 bytes ok".getBytes(StandardCharsets.UTF_8), clock);
    final Hub hub = new Hub(clock, Hub.Settings.DEFAULTS.withConnections(10_000, 10_000));
    final Admission admission;
    final ServerLog log = ServerLog.captureSilently();
    private final Javalin app;

    ChatServer() {
        this(Limits.MAX_CONNECTIONS);
    }

    ChatServer(int maxConnections) {
        admission = new Admission(maxConnections, hub::open);
        app = ReliableChatApp.create(hub, clock, tokens, admission, new OriginCheck(Set.of()), PASSPHRASE).start(0);
    }

    int port() {
        return app.port();
    }

    URI uri() {
        return uri(port());
    }

    /** The chat's address on this port: the server's own, or a proxy's in front of it. */
    static URI uri(int port) {
        return URI.create("ws://127.0.0.1:" + port + ReliableChatApp.PATH);
    }

    String page() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** POST /login: the answer, whose Set-Cookie carries the token. */
    HttpResponse<String> login(String name, String passphrase) {
        String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&passphrase=" + URLEncoder.encode(passphrase, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
    }

    /** Logs in with the right passphrase; returns the token from the cookie. */
    String token(String name) {
        HttpResponse<String> answer = login(name, PASSPHRASE);
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError(
                "POST /login as " + name + " answered " + answer.statusCode() + " without a Set-Cookie: " + answer.body()));
        String prefix = ReliableChatApp.TOKEN_COOKIE + "=";
        return cookie.substring(prefix.length(), cookie.indexOf(';'));
    }

    /**
     * Sends a WebSocket upgrade by hand, with this key (none when null) and this token as the cookie
     * (none when null); returns the answer as text: the head alone for a 101, the head and body (maybe chunked) for a refusal.
     */
    String rawUpgrade(String key, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout((int) ChatClient.TIMEOUT.toMillis());
            String request = "GET " + ReliableChatApp.PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n")
                    + (token == null ? "" : "Cookie: " + ReliableChatApp.TOKEN_COOKIE + "=" + token + "\r\n") + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                answer.write(b);
                String text = answer.toString(StandardCharsets.UTF_8);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd >= 0 && (text.startsWith("HTTP/1.1 101") || text.endsWith("\r\n0\r\n\r\n")
                        || text.length() - headEnd - 4 >= contentLength(text))) {
                    return text;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static int contentLength(String head) {
        return head.lines().takeWhile(line -> !line.isEmpty())
                .filter(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))
                .map(line -> Integer.parseInt(line.substring(15).strip()))
                .findFirst().orElse(Integer.MAX_VALUE);
    }

    /** Logs in and opens a chat socket, not joined yet. */
    ChatClient connect(String name) {
        return connect(port(), name, token(name), true);
    }

    /**
     * Opens a chat socket to this port (the server's, or a proxy's) with the token as its cookie, as a
     * logged-in page does; with {@code reads} false, a client that never reads (a frozen tab).
     */
    static ChatClient connect(int port, String label, String token, boolean reads) {
        return ChatClient.connectWith(uri(port), label, headers(token, null), reads);
    }

    /** 101 when the server upgrades a socket with this token (none when null) from this Origin (none when null), else its status. */
    int handshakeStatus(String token, String origin) {
        return ChatClient.handshakeStatusWith(uri(), headers(token, origin));
    }

    /** The refusal of an upgrade with this token, or null when the server upgraded. */
    HttpResponse<?> refusal(String token) {
        return ChatClient.refusal(uri(), headers(token, null));
    }

    /** What a logged-in page's upgrade carries: the token as a cookie (the browser sends it by itself), and its Origin. */
    private static Map<String, String> headers(String token, String origin) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Cookie", ReliableChatApp.TOKEN_COOKIE + "=" + token);
        }
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return headers;
    }

    /** Connects, joins as a newcomer; returns once the welcome came. */
    ChatClient join(String name) {
        ChatClient client = connect(name);
        client.send(ReliableMessages.join(null));
        client.expect("welcome", "the answer to " + name + "'s join");
        return client;
    }

    @Override
    public void close() {
        // The test's HTTP client keeps its login connection open; at a stop Jetty gives idle connections
        // a second (shutdownIdleTimeout) before closing them: a second a test, for nothing.
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector idle) {
                idle.setShutdownIdleTimeout(10);
            }
        }
        app.stop();
        log.close();
    }
}
