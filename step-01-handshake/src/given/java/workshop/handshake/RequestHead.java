package workshop.handshake;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Reads the head of an HTTP request, everything up to the first blank line, without trusting the
 * client: the head may not grow past a size, take longer than a time, or hold bytes that no HTTP
 * client sends.
 */
final class RequestHead {

    private static final String END = "\r\n\r\n";

    private RequestHead() {
    }

    /** The head without its closing blank line, for {@link HttpRequest#parse}. */
    static String read(Socket socket, InputStream in, Limits limits) throws IOException, HandshakeException {
        long deadline = System.nanoTime() + limits.handshakeTimeout().toNanos();
        StringBuilder head = new StringBuilder();
        while (!complete(head)) {
            if (head.length() == limits.maxHeaderBytes()) {
                throw new HandshakeException(431, "the request head is over " + limits.maxHeaderBytes() + " bytes");
            }
            // The deadline covers the whole head, so a client cannot stretch it a byte at a time.
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw timeout(limits);
            }
            socket.setSoTimeout((int) left);
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw timeout(limits);
            }
            if (b == -1) {
                throw new EOFException(head.length() == 0 ? "the client closed the connection without a request"
                        : "the client closed the connection in the middle of its request");
            }
            if ((b < 0x20 && b != '\r' && b != '\n' && b != '\t') || b == 0x7F) {
                // Control bytes: not HTTP, often TLS (a wss:// or https:// URL pointed at this plain server).
                throw new HandshakeException(400, String.format("not an HTTP request (byte 0x%02x)", b));
            }
            // RFC 9112 §2.2: a head is read as ISO-8859-1 text, one byte for each character.
            head.append((char) b);
        }
        return head.substring(0, head.length() - END.length());
    }

    private static boolean complete(StringBuilder head) {
        return head.indexOf(END, head.length() - END.length()) >= 0;
    }

    private static HandshakeException timeout(Limits limits) {
        return new HandshakeException(408,
                "the request head was not complete within " + limits.handshakeTimeout().toMillis() + " ms");
    }
}
