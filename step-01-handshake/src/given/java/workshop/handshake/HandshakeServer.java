package workshop.handshake;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket echo server on a plain {@link ServerSocket}, with no library between you and the
 * bytes. {@code GET /} gets a small page whose script opens a WebSocket back to this server; every
 * text message it sends comes back. The log shows each request and response, and every frame in
 * hex, as it goes over the wire.
 */
public final class HandshakeServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 8081;

    private static final Logger log = LoggerFactory.getLogger(HandshakeServer.class);

    /** How long a closing connection waits for the client's last bytes; see {@link #lingeringClose}. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private static final byte[] PAGE = page();

    private final ServerSocket serverSocket;
    private final Limits limits;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();

    /** Binds the port (0 picks a free one); call {@link #start()} to begin accepting. */
    public HandshakeServer(int port, Limits limits) throws IOException {
        this.limits = limits;
        serverSocket = new ServerSocket();
        // Lets the server restart at once on the same port after a stop.
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(port));
    }

    public HandshakeServer(int port) throws IOException {
        this(port, Limits.DEFAULTS);
    }

    public static void main(String[] args) throws IOException {
        HandshakeServer server = new HandshakeServer(Integer.getInteger("port", DEFAULT_PORT));
        int port = server.start();
        log.info("Echo server ready: open http://localhost:{}/ in a browser (Ctrl+C stops it)", port);
    }

    /** Starts accepting connections on a thread of its own and returns the bound port. */
    public int start() {
        new Thread(this::acceptLoop, "accept-loop").start();
        return port();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                if (connections.size() >= limits.maxConnections()) {
                    refuse(socket);
                    continue;
                }
                connections.add(socket);
                if (serverSocket.isClosed()) {
                    // close() ran between accept() and add(): it could not see this socket.
                    socket.close();
                    return;
                }
                // One thread per connection, up to the cap: the simplest model to read and to debug,
                // and plenty for the few browsers of a workshop. Steps 2 to 4 leave threading to a library.
                Thread handler = new Thread(() -> handle(socket), "connection-" + connectionCount.incrementAndGet());
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    log.warn("accept failed, still accepting: {}", e.toString());
                }
            }
        }
    }

    /**
     * Answers 503 on the accept thread itself, and closes at once: a thread of its own, lingering
     * for the client's last bytes, would spend what the cap saves. What the client already sent is
     * dropped first, as a socket closed with unread input sends a reset, which can wipe out the 503.
     */
    private void refuse(Socket socket) {
        log.info("refusing a connection: {} open, the limit is {}", connections.size(), limits.maxConnections());
        try (socket) {
            writeResponse("HTTP/1.1 503 Service Unavailable", "text/plain",
                    ("the server is serving its limit of " + limits.maxConnections() + " connections; try again later\n")
                            .getBytes(StandardCharsets.UTF_8),
                    socket.getOutputStream());
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            in.skipNBytes(in.available());
        } catch (IOException e) {
            log.info("connection refused, and then: {}", e.toString());
        }
    }

    /** Everything that happens on one connection; whatever goes wrong ends this connection only. */
    private void handle(Socket socket) {
        log.info("connected: {}", socket.getRemoteSocketAddress());
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            if (handshake(socket, in, out)) {
                echo(new FrameDeadline(socket, in, limits.frameTimeout()), out);
            }
            lingeringClose(socket, in);
            log.info("closed");
        } catch (EOFException e) {
            log.info("the client went away: {}", e.getMessage());
        } catch (IOException e) {
            log.info("connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            // Also where a starter's "TODO" lands: one line in the log, and this connection closes.
            log.warn("closing the connection: {}", e.toString());
            log.debug("where it came from", e);
        } finally {
            connections.remove(socket);
        }
    }

    /** Answers the HTTP request; true when the connection is a WebSocket from now on. */
    private boolean handshake(Socket socket, InputStream in, OutputStream out) throws IOException {
        try {
            String head = RequestHead.read(socket, in, limits);
            log.info("request:\n{}", indent(head));
            HttpRequest request = HttpRequest.parse(head);
            // A GET with neither Upgrade nor a key is for the page; one with a key is a handshake, even
            // without its Upgrade header, and is refused as one (RFC 6455 §4.2.1).
            if (request.method().equals("GET") && request.header("Upgrade").isEmpty()
                    && request.header("Sec-WebSocket-Key").isEmpty()) {
                servePage(request.target(), out);
                return false;
            }
            respond(Handshake.accept(Handshake.validate(request)), out);
            return true;
        } catch (HandshakeException refusal) {
            log.info("refusing the handshake: {} {}", refusal.status(), refusal.reason());
            respond(Handshake.reject(refusal), out);
            return false;
        }
    }

    /** Echoes text messages until a close frame ends the conversation. */
    private void echo(FrameDeadline deadline, OutputStream out) throws IOException {
        Wiretap in = new Wiretap(deadline);
        MessageAssembler messages = new MessageAssembler(limits.maxPayloadBytes());
        while (true) {
            Optional<Frame> reply;
            try {
                deadline.nextFrame();
                Frame frame = FrameReader.read(in, limits.maxPayloadBytes());
                log.info("received {}\n{}", frame, HexDump.of(in.takeBytes()));
                reply = replyTo(frame, messages);
            } catch (FrameException refusal) {
                log.info("refusing a frame: {}\n{}", refusal.getMessage(), HexDump.of(in.takeBytes()));
                reply = Optional.of(Frame.close(refusal.closeCode()));
            }
            if (reply.isPresent()) {
                send(reply.get(), out);
                if (reply.get().opcode() == Frame.CLOSE) {
                    return;
                }
            }
        }
    }

    /** What this server answers to each kind of frame (RFC 6455 §5.4 to §5.6). */
    private static Optional<Frame> replyTo(Frame frame, MessageAssembler messages) throws FrameException {
        return switch (frame.opcode()) {
            // §5.4: a message may come in fragments, and its echo waits for the last one.
            case Frame.TEXT, Frame.CONTINUATION -> messages.add(frame).map(HandshakeServer::echoOf);
            // This server takes text only.
            case Frame.BINARY -> Optional.of(Frame.close(CloseCodes.UNSUPPORTED_DATA));
            // §5.5.2: a ping is answered by a pong with the same payload (at most 125 bytes, see FrameReader).
            case Frame.PING -> Optional.of(new Frame(true, Frame.PONG, frame.payload()));
            // §5.5.3: a pong nobody asked for is a heartbeat; it needs no answer.
            case Frame.PONG -> Optional.empty();
            case Frame.CLOSE -> Optional.of(Frame.close(closeReply(frame)));
            // §5.2: an opcode nobody defined fails the connection.
            default -> Optional.of(Frame.close(CloseCodes.PROTOCOL_ERROR));
        };
    }

    /** A whole text message, sent back in one frame; a server frame is unmasked (§5.1). */
    private static Frame echoOf(byte[] message) {
        // §8.1: text is UTF-8, and an endpoint that receives anything else fails the connection.
        // Checked on the whole message: a fragment may end in the middle of a character.
        return isUtf8(message) ? new Frame(true, Frame.TEXT, message) : Frame.close(CloseCodes.INVALID_PAYLOAD);
    }

    /** §5.5.1: a close is answered by a close, usually with the same code. */
    private static int closeReply(Frame close) {
        int code = close.closeCode();
        if (code == CloseCodes.NO_STATUS_RECEIVED) {
            // 1005 only reports that no code came, and is never sent (§7.4.1); a 1-byte payload
            // is not a close the RFC allows at all.
            return close.payload().length == 0 ? CloseCodes.NORMAL_CLOSURE : CloseCodes.PROTOCOL_ERROR;
        }
        if (!close.hasValidReason()) {
            // §8.1: the reason is text, and text that is not UTF-8 fails the connection.
            return CloseCodes.INVALID_PAYLOAD;
        }
        // §7.4: a code no one may send (1006, 1015, 0, ...) is a protocol error, not something to echo.
        return CloseCodes.maySend(code) ? code : CloseCodes.PROTOCOL_ERROR;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    /** Sends a frame through a buffer first, so the log can show its exact bytes. */
    private static void send(Frame frame, OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter.write(frame, bytes);
        log.info("sent {}\n{}", frame, HexDump.of(bytes.toByteArray()));
        bytes.writeTo(out);
        out.flush();
    }

    private static void respond(String response, OutputStream out) throws IOException {
        int endOfHead = response.indexOf("\r\n\r\n");
        log.info("response:\n{}", indent(endOfHead < 0 ? response : response.substring(0, endOfHead)));
        out.write(response.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A plain page request: the echo page at "/", and nothing anywhere else. */
    private static void servePage(String target, OutputStream out) throws IOException {
        if (target.equals("/")) {
            writeResponse("HTTP/1.1 200 OK", "text/html", PAGE, out);
        } else {
            writeResponse("HTTP/1.1 404 Not Found", "text/plain",
                    "Not found: the echo page is at /\n".getBytes(StandardCharsets.UTF_8), out);
        }
    }

    /** A response that the tasks do not write: the page, a 404, a 503. */
    private static void writeResponse(String statusLine, String contentType, byte[] body, OutputStream out)
            throws IOException {
        String head = statusLine + "\r\n"
                + "Content-Type: " + contentType + "; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n";
        log.info("response:\n{}", indent(head.strip()));
        out.write((head + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /**
     * Closing a socket with unread input makes TCP send a reset, which can wipe out the answer
     * before the client reads it. So: finish sending, then drop what the client still sends for a
     * moment, until it closes too (the "lingering close" of Apache httpd and Jetty).
     */
    private static void lingeringClose(Socket socket, InputStream in) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout((int) LINGER.toMillis());
        long deadline = System.nanoTime() + LINGER.toNanos();
        byte[] discard = new byte[4096];
        try {
            while (System.nanoTime() < deadline && in.read(discard) != -1) {
                // Nothing to do with them: the conversation is over.
            }
        } catch (SocketTimeoutException quiet) {
            // The client sent nothing more: the socket can close cleanly.
        }
    }

    private static String indent(String text) {
        return "  " + text.replace("\r\n", "\n  ");
    }

    private static byte[] page() {
        try (InputStream in = HandshakeServer.class.getResourceAsStream("index.html")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
