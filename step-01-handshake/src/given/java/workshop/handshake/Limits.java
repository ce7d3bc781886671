package workshop.handshake;

import java.time.Duration;

/**
 * The limits every connection lives within, so that one careless or hostile client cannot tie up
 * the server. Change the defaults here; the tests pass their own, shorter ones.
 *
 * <p>What they leave open: a WebSocket that is quiet between frames may stay open as long as it
 * likes (a browser tab that nobody types in does), and so may a peer that vanished without a word.
 * Each holds a thread and one of the {@code maxConnections} places, so a client that opens that
 * many quiet connections keeps everyone else out until it closes them. A server on the open
 * network would also cap connections per address and ping quiet ones to find the vanished; the
 * library of steps 2 to 4 sends those pings.
 *
 * @param maxHeaderBytes   the longest HTTP request head (request line and headers) the server reads
 * @param maxPayloadBytes  the largest message the server accepts: one frame's payload, or the
 *                         payloads of a fragmented message together
 * @param handshakeTimeout how long a client may take to send its whole request head
 * @param frameTimeout     how long a client may take to send the rest of a frame once its first
 *                         byte came
 * @param maxConnections   how many connections the server serves at once; the next one gets 503
 */
public record Limits(int maxHeaderBytes, int maxPayloadBytes, Duration handshakeTimeout, Duration frameTimeout,
        int maxConnections) {

    /** Browsers send well under 2 KiB; 8 KiB is the common default of web servers. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    /** The same default as Jetty, the server behind step 4's Javalin (steps 2 and 3 run on Java-WebSocket). */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** A browser sends its request at once; a client that dribbles it holds a thread for nothing. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** A browser writes a frame at once too: 64 KiB in 10 s is a 6.5 KB/s line, slower than bad Wi-Fi. */
    public static final Duration FRAME_TIMEOUT = Duration.ofSeconds(10);

    /** Each connection holds a thread: a room of 40 laptops with two tabs each fits, a flood does not. */
    public static final int MAX_CONNECTIONS = 100;

    public static final Limits DEFAULTS = new Limits(MAX_HEADER_BYTES, MAX_PAYLOAD_BYTES, HANDSHAKE_TIMEOUT,
            FRAME_TIMEOUT, MAX_CONNECTIONS);
}
