package workshop.echo;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.java_websocket.WebSocket;

/** Starts an {@link EchoServer} on a free port for one test, and stops it afterwards. */
final class TestServers {

    /** Long enough for a slow laptop, short enough that an unfinished task fails in seconds. */
    static final Duration WAIT = Duration.ofSeconds(3);

    private TestServers() {
    }

    static EchoServer start() {
        return start(EchoServer.CONNECTION_LOST_TIMEOUT);
    }

    static EchoServer start(Duration connectionLostTimeout) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        EchoServer server = new EchoServer(new InetSocketAddress("localhost", 0), connectionLostTimeout) {
            @Override
            public void onStart() {
                super.onStart();
                started.complete(null);
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
                super.onError(conn, ex);
                if (conn == null) {
                    started.completeExceptionally(ex);
                }
            }
        };
        server.start();
        await("EchoServer.onStart (the server did not start)").atMost(WAIT).until(started::isDone);
        started.join();
        return server;
    }

    static URI uri(EchoServer server) {
        return URI.create("ws://localhost:" + server.getPort() + "/");
    }

    static void stop(EchoServer server) throws InterruptedException {
        if (server != null) {
            server.stop((int) WAIT.toMillis());
        }
    }
}
