package workshop.broadcast;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/** A client on Java-WebSocket's {@link WebSocketClient}; it answers pings by itself. */
final class LibraryClient extends Client {

    private final WebSocketClient socket;

    LibraryClient(String label, ObservedServer server) {
        super(label, server);
        socket = new WebSocketClient(server.uri()) {
            @Override
            public void onOpen(ServerHandshake handshake) {
            }

            @Override
            public void onMessage(String message) {
                received(message);
            }

            @Override
            public void onWebsocketPing(WebSocket conn, Framedata ping) {
                // Read the payload first: the pong that answers this ping is sent with the same buffer.
                pinged(StandardCharsets.UTF_8.decode(ping.getPayloadData().duplicate()).toString());
                super.onWebsocketPing(conn, ping);
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                closed(code, reason);
            }

            @Override
            public void onError(Exception ex) {
            }
        };
        socket.connect();
    }

    @Override
    void awaitOpen() {
        await(label + " connects").atMost(CONNECTING).until(socket::isOpen);
    }

    @Override
    void send(String text) {
        try {
            socket.send(text);
        } catch (WebsocketNotConnectedException ended) {
            throw sendFailed(ended);
        }
    }

    @Override
    void sendBinary(byte[] bytes) {
        socket.send(bytes);
    }

    @Override
    void leave() {
        socket.close(1000, "bye");
    }

    /** Closes the TCP connection under the WebSocket: no close frame, as when a process is killed. */
    void dropConnection() throws IOException {
        socket.getSocket().close();
    }

    @Override
    public void close() {
        socket.close();
    }
}
