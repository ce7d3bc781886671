package workshop.reliable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.net.FaultProxy;

/**
 * The chat with a door you can cut by hand: {@link ReliableChatApp} on its port, and in front of it, on
 * {@link #DOOR_PORT}, a {@link FaultProxy}. Press Enter and the door is cut: every connection through
 * it is reset (no close frame, no FIN: a pulled cable) and new ones are refused, as with no network.
 * Press Enter again and it opens. A tab that came through the door then shows what this step is about:
 * offline, a message typed meanwhile pending, the reconnect with full jitter, the catch-up.
 *
 * <p>Why not the browser's own "Offline" switch: in Chromium's DevTools it leaves an open WebSocket
 * connected, so nothing is missed and nothing is pending. Why in the tests' folder: the proxy is test
 * code (test-support). Run it with {@code ./mvnw -q -Pcut -pl step-05-reliable-chat}: the step's
 * {@code cut} profile compiles the tests and runs this class on their classpath.
 */
public final class CutByHand implements AutoCloseable {

    public static final int DOOR_PORT = 7085;

    private static final Logger log = LoggerFactory.getLogger(CutByHand.class);

    private final int chatPort;
    private final int port;
    private FaultProxy door;

    /** Opens the door on {@code port} (0: a free one) in front of the chat on {@code chatPort}. */
    public CutByHand(int port, int chatPort) throws IOException {
        this.chatPort = chatPort;
        this.door = FaultProxy.on(port, chatPort);
        this.port = door.port();
    }

    public static void main(String[] args) throws IOException {
        ReliableChatApp.main(args);
        int chatPort = Integer.getInteger("port", ReliableChatApp.DEFAULT_PORT);
        CutByHand cut = new CutByHand(Integer.getInteger("door", DOOR_PORT), chatPort);
        // 127.0.0.1, not localhost: cookies ignore the port, so the two tabs would share one login.
        log.info("The door you can cut: open http://127.0.0.1:{} in a second tab (another host than localhost, "
                + "so that each tab keeps its own login), and press Enter here to cut it; Enter again opens it.", cut.port());
        BufferedReader keys = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (keys.readLine() != null) {
            cut.toggle();
        }
    }

    public int port() {
        return port;
    }

    public synchronized boolean isOpen() {
        return door != null;
    }

    /** Cuts the door if it is open, opens it (on the same port) if it is cut. */
    public synchronized void toggle() throws IOException {
        if (door != null) {
            door.close();
            door = null;
            log.info("Cut: every connection through port {} was reset, and new ones are refused. Enter opens it again.", port);
        } else {
            door = FaultProxy.on(port, chatPort);
            log.info("Open again: port {} leads to the chat. Enter cuts it.", port);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (door != null) {
            door.close();
        }
    }
}
