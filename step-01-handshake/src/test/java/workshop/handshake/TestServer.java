package workshop.handshake;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A fresh HandshakeServer on a free port for each test, stopped after it. */
final class TestServer implements BeforeEachCallback, AfterEachCallback {

    /** Short, so the test of a request that never ends waits half a second, not ten. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(500);

    /** Short too, but a test's 96 KiB of fragments must get through a busy machine well within it. */
    static final Duration FRAME_TIMEOUT = Duration.ofSeconds(2);

    static final Limits LIMITS = new Limits(Limits.MAX_HEADER_BYTES, Limits.MAX_PAYLOAD_BYTES, HANDSHAKE_TIMEOUT,
            FRAME_TIMEOUT, Limits.MAX_CONNECTIONS);

    /** For tests that send only small frames, each in one write: a frame left unfinished is found in half a second. */
    static final Duration SMALL_FRAME_TIMEOUT = Duration.ofMillis(500);

    static final Limits SMALL_FRAMES = new Limits(Limits.MAX_HEADER_BYTES, Limits.MAX_PAYLOAD_BYTES, HANDSHAKE_TIMEOUT,
            SMALL_FRAME_TIMEOUT, Limits.MAX_CONNECTIONS);

    private final Limits limits;
    private HandshakeServer server;

    TestServer() {
        this(LIMITS);
    }

    TestServer(Limits limits) {
        this.limits = limits;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = new HandshakeServer(0, limits);
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        server.close();
    }

    WireClient connect() throws IOException {
        return new WireClient(server.port());
    }

    URI uri() {
        return URI.create("ws://localhost:" + server.port() + "/");
    }

    /** The echo page, as a browser opens it. */
    String page() {
        return "http://localhost:" + server.port() + "/";
    }
}
