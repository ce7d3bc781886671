package workshop.echo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bytes written by hand to a server, and what came back: as a hostile or broken client would see it. */
final class Wire {

    /** A well-formed upgrade request (RFC 6455 §4.1) that the bad requests are made from. */
    static final String GOOD_REQUEST = "GET / HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    /** What came back: the status line ("" when nothing came), the whole text, and whether the server closed. */
    record Answer(String statusLine, String text, boolean closed) {

        int status() {
            return statusLine.isEmpty() ? 0 : Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** The bytes after the HTTP head: the frames the server sent. */
        byte[] frames() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? new byte[0] : text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
        }

        /** The answer as one short cell of a table. */
        String summary() {
            if (statusLine.isEmpty()) {
                return closed ? "closed, no answer" : "no answer, held open";
            }
            String body = text.substring(text.indexOf("\r\n\r\n") + 4).strip();
            return statusLine.substring("HTTP/1.1 ".length())
                    + (text.contains("Sec-WebSocket-Version: 13") && status() == 426 ? " + Sec-WebSocket-Version: 13" : "")
                    + (status() >= 400 && !body.startsWith("<html>") && !body.isEmpty() ? ": " + body : "");
        }
    }

    private Wire() {
    }

    /**
     * Sends {@code request} and reads until the server closes the connection, until the HTTP answer
     * is whole, or until {@code patience} passes with nothing more: the library's 101 and 404 leave
     * the connection open, StrictConnection's refusals close it.
     */
    static Answer exchange(int port, byte[] request, Duration patience) throws IOException {
        return exchange(port, request, patience, Wire::wholeHttpAnswer);
    }

    /** The same, reading until {@code enough} says the bytes so far are enough. */
    static Answer exchange(int port, byte[] request, Duration patience, Predicate<String> enough) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) patience.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean closed = read(socket.getInputStream(), received, enough);
            String text = received.toString(StandardCharsets.ISO_8859_1);
            String statusLine = text.contains("\r\n") ? text.substring(0, text.indexOf("\r\n")) : "";
            return new Answer(statusLine, text, closed);
        }
    }

    /** A 101 head, or an error head and as much body as its Content-Length says. */
    static boolean wholeHttpAnswer(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        if (text.startsWith("HTTP/1.1 101")) {
            return true;
        }
        Matcher length = Pattern.compile("(?i)Content-Length: (\\d+)").matcher(text.substring(0, end));
        return length.find() && text.length() - end - 4 >= Integer.parseInt(length.group(1));
    }

    /** Reads until the end of the stream (true), or until enough or the socket's timeout (false). */
    private static boolean read(InputStream in, ByteArrayOutputStream received, Predicate<String> enough) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                received.write(buffer, 0, n);
                if (enough.test(received.toString(StandardCharsets.ISO_8859_1))) {
                    return false;
                }
            }
            return true;
        } catch (SocketTimeoutException quiet) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** A frame a server sent: its opcode and payload (RFC 6455 §5.2). */
    record Frame(int opcode, byte[] payload) {

        static final int TEXT = 0x1;
        static final int CLOSE = 0x8;

        /** A close frame's status code (RFC 6455 §5.5.1), or 0 when it has none. */
        int closeCode() {
            return payload.length < 2 ? 0 : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            if (opcode == CLOSE) {
                return "close " + closeCode();
            }
            // Binary data shown as text would put NUL bytes in the test output: its length and first bytes instead.
            String text = text();
            if (text.chars().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFD) || text.length() > 80) {
                return "opcode " + opcode + ", " + payload.length + " bytes, starting "
                        + HexFormat.ofDelimiter(" ").formatHex(Arrays.copyOf(payload, Math.min(payload.length, 8)));
            }
            return "opcode " + opcode + " \"" + text + "\"";
        }
    }

    /** The whole frames in a server's bytes; a server's frames are never masked, and these are short. */
    static List<Frame> frames(byte[] bytes) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i + 2 <= bytes.length; ) {
            int length = bytes[i + 1] & 0x7F;
            int start = i + 2;
            if (length == 126 && start + 2 <= bytes.length) {
                length = (bytes[start] & 0xFF) << 8 | (bytes[start + 1] & 0xFF);
                start += 2;
            }
            if (start + length > bytes.length) {
                break;
            }
            frames.add(new Frame(bytes[i] & 0x0F, Arrays.copyOfRange(bytes, start, start + length)));
            i = start + length;
        }
        return frames;
    }

    /** A text frame as a client must not send it: no mask (RFC 6455 §5.1, §5.2). */
    static byte[] unmaskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) 0x81; // FIN, text
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
    }

    /** A text frame as a client must send it: masked, here with a key of zeros, which leaves the bytes as they are. */
    static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length);
        return frame;
    }
}
