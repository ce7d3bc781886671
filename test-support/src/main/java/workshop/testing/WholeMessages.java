package workshop.testing;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * The JDK's WebSocket listener, handing on whole messages. The JDK may deliver one message in parts
 * ({@code last == false}: a fragmented message, or a large one), and delivers nothing more until it
 * is asked for the next event ({@code request(1)}); every test client needs both, so they are here once.
 */
public abstract class WholeMessages implements WebSocket.Listener {

    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    /** One whole text message, on the JDK's thread. */
    protected abstract void onWholeText(String message);

    /** One whole binary message, on the JDK's thread. */
    protected void onWholeBinary(byte[] message) {
    }

    @Override
    public final CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            onWholeText(message);
        }
        socket.request(1);
        return null;
    }

    @Override
    public final CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        binary.writeBytes(part);
        if (last) {
            byte[] message = binary.toByteArray();
            binary.reset();
            onWholeBinary(message);
        }
        socket.request(1);
        return null;
    }
}
