package workshop.broadcast;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import workshop.strict.StrictConnection;

/**
 * One test's server on a free port, and the clients a test connects to it. Close it after the test:
 * it disconnects the clients and stops the server.
 */
final class Room implements AutoCloseable {

    private final ServerLog log = new ServerLog();
    private final ObservedServer server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    Room() throws InterruptedException {
        this(BroadcastServer.CONNECTION_LOST_TIMEOUT_SECONDS, StrictConnection.HANDSHAKE_TIMEOUT);
    }

    Room(int connectionLostTimeoutSeconds) throws InterruptedException {
        this(connectionLostTimeoutSeconds, StrictConnection.HANDSHAKE_TIMEOUT);
    }

    Room(int connectionLostTimeoutSeconds, Duration handshakeTimeout) throws InterruptedException {
        server = new ObservedServer(connectionLostTimeoutSeconds, handshakeTimeout);
        server.start();
        assertTrue(server.started().await(Client.CONNECTING.toMillis(), TimeUnit.MILLISECONDS), "the server did not start");
    }

    ObservedServer server() {
        return server;
    }

    /** What the server logged since this room opened. */
    ServerLog log() {
        return log;
    }

    /** Fails if the server's own code threw, or its log shows an exception or a stack trace. */
    void assertNoTrouble(String where) {
        server.failure().ifPresent(thrown -> fail("the server threw " + thrown + " (" + where + ")"));
        log.assertNoTrouble(where);
    }

    /** Keeps a client of the test's own making, to close it with the room. */
    <C extends AutoCloseable> C keep(C client) {
        clients.add(client);
        return client;
    }

    /** A client on Java-WebSocket, connected and counted by the server. */
    LibraryClient library(String label) {
        return join(List.of(label), name -> new LibraryClient(name, server)).get(0);
    }

    /** A client on the JDK's java.net.http, connected and counted by the server. */
    JdkClient jdk(String label) {
        return join(List.of(label), name -> new JdkClient(name, server)).get(0);
    }

    /** A bare socket that did the handshake, connected and counted by the server. */
    RawClient raw() throws IOException {
        int before = server.getConnections().size();
        RawClient raw = new RawClient(server.uri());
        clients.add(raw);
        awaitOnline(before + 1);
        return raw;
    }

    /** Clients that all connect at the same time, half on each client library. */
    List<Client> atOnce(int count) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add("c" + i);
        }
        return join(labels, label -> labels.indexOf(label) % 2 == 0 ? new LibraryClient(label, server) : new JdkClient(label, server));
    }

    private <C extends Client> List<C> join(List<String> labels, Function<String, C> connect) {
        int before = server.getConnections().size();
        List<C> joined = labels.stream().map(connect).toList();
        clients.addAll(joined);
        joined.forEach(Client::awaitOpen);
        awaitOnline(before + joined.size());
        return joined;
    }

    // The library answers the handshake a moment before it adds the connection to its set: wait for
    // the set, or a message sent right away could miss the newcomer.
    private void awaitOnline(int count) {
        await("the server counts " + count + " connections").atMost(Client.CONNECTING)
                .until(() -> server.getConnections().size() == count);
    }

    @Override
    public void close() throws Exception {
        try {
            for (AutoCloseable client : clients) {
                client.close();
            }
            server.stop(1000);
        } finally {
            log.close();
        }
    }
}
