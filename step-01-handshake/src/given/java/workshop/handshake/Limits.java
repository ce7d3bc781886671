package workshop.handshake;

import java.time.Duration;

/**
 * The limits every connection lives within, so that one careless or hostile client cannot tie up
 * the server. Change the defaults here; the tests pass their own, shorter ones.
 *
 * @param maxHeaderBytes   the longest HTTP request head (request line and headers) the server reads
 * @param maxPayloadBytes  the largest frame payload the server accepts
 * @param handshakeTimeout how long a client may take to send its whole request head
 */
public record Limits(int maxHeaderBytes, int maxPayloadBytes, Duration handshakeTimeout) {

    /** Browsers send well under 2 KiB; 8 KiB is the common default of web servers. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    /** The same default as Jetty, the server behind steps 2 to 4. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** A browser sends its request at once; a client that dribbles it holds a thread for nothing. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public static final Limits DEFAULTS = new Limits(MAX_HEADER_BYTES, MAX_PAYLOAD_BYTES, HANDSHAKE_TIMEOUT);
}
