package workshop.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for tests that break the network on purpose: clients connect to {@link #port()}, and
 * every byte goes on to the server on 127.0.0.1:{@code targetPort}. {@link #cut()} ends every open
 * connection abruptly (a TCP reset: no close frame, no FIN); {@link #stall()} stops moving bytes
 * while keeping the connections open, like a network that went quiet. New connections are accepted
 * after a cut, so a client can come back. JDK only, a thread per direction.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong toClient = new AtomicLong();
    private final Object gate = new Object();
    private volatile boolean stalledToServer;
    private volatile boolean stalledToClients;

    private FaultProxy(int port, int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        // A proxy closed and opened again on the same port must not wait for the old one's connections.
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        Thread acceptor = new Thread(this::accept, "fault-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free loopback port, in front of 127.0.0.1:{@code targetPort}. */
    public static FaultProxy to(int targetPort) throws IOException {
        return new FaultProxy(0, targetPort);
    }

    /** A proxy on this loopback port (0: a free one), in front of 127.0.0.1:{@code targetPort}. */
    public static FaultProxy on(int port, int targetPort) throws IOException {
        return new FaultProxy(port, targetPort);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every open connection, both sides at once: what a pulled cable looks like, seen late. */
    public void cut() {
        for (Socket socket : open) {
            reset(socket);
        }
    }

    /** Stops forwarding in both directions; the connections stay open and the bytes wait. */
    public void stall() {
        stalledToServer = true;
        stalledToClients = true;
    }

    /** Stops forwarding what the server sends, only: the server hears the clients, they hear nothing. */
    public void stallToClients() {
        stalledToClients = true;
    }

    /** Forwards again what waited, and what comes next. */
    public void resume() {
        synchronized (gate) {
            stalledToServer = false;
            stalledToClients = false;
            gate.notifyAll();
        }
    }

    /** Bytes forwarded from the server to the clients so far: what a catch-up costs on the wire. */
    public long bytesToClients() {
        return toClient.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
        resume();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                AtomicInteger directions = new AtomicInteger(2);
                pump(client, server, false, directions);
                pump(server, client, true, directions);
            } catch (IOException closedOrRefused) {
                // The proxy closed, or the server is down: the client sees its connection end.
            }
        }
    }

    /** Copies one direction; the second of the pair to end closes both sockets. */
    private void pump(Socket from, Socket to, boolean toTheClient, AtomicInteger directions) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    waitWhileStalled(toTheClient);
                    out.write(buffer, 0, read);
                    if (toTheClient) {
                        toClient.addAndGet(read);
                    }
                }
                to.shutdownOutput(); // a FIN from one side goes on as a FIN to the other
            } catch (IOException | InterruptedException ended) {
                reset(from);
                reset(to);
            } finally {
                if (directions.decrementAndGet() == 0) {
                    open.remove(from);
                    open.remove(to);
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        }, "fault-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private void waitWhileStalled(boolean toTheClient) throws InterruptedException {
        synchronized (gate) {
            while ((toTheClient ? stalledToClients : stalledToServer) && !listener.isClosed()) {
                gate.wait(1_000);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // Closed is what we wanted.
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close with RST, not FIN: the peer learns nothing polite
            socket.close();
        } catch (IOException alreadyGone) {
            // Nothing left to cut.
        }
    }
}
