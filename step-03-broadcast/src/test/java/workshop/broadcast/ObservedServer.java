package workshop.broadcast;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.java_websocket.WebSocket;

/** The learner's server, watched: it says when it is listening and records each line it broadcasts. */
final class ObservedServer extends BroadcastServer {

    private final CountDownLatch started = new CountDownLatch(1);
    private final List<String> broadcasts = new CopyOnWriteArrayList<>();

    ObservedServer(Duration connectionLostTimeout) {
        super(new InetSocketAddress("127.0.0.1", 0), connectionLostTimeout);
    }

    @Override
    public void onStart() {
        super.onStart();
        started.countDown();
    }

    // broadcast(String) calls this one too, so every broadcast of a text passes here.
    @Override
    public void broadcast(String text, Collection<WebSocket> clients) {
        broadcasts.add(text);
        super.broadcast(text, clients);
    }

    CountDownLatch started() {
        return started;
    }

    /** The texts given to broadcast(...), in order. */
    List<String> broadcasts() {
        return List.copyOf(broadcasts);
    }
}
