package workshop.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 that counts every byte it passes, in each direction: what a client and a
 * server send each other at the socket, HTTP headers, WebSocket framing and all (TCP/IP headers not).
 * Clients connect to {@link #port()}; each connection is relayed to the target port. One thread serves
 * every connection (a selector), so a thousand clients cost the relay no thousand threads.
 */
final class CountingRelay implements Closeable {

    /** Bytes read from one side and not yet written to the other; a full buffer stops reading that side. */
    private static final int BUFFER_BYTES = 16 * 1024;

    /** What passed so far: {@code up} from the clients to the server, {@code down} back. */
    record Counts(long up, long down, long connections) {
        Counts minus(Counts earlier) {
            return new Counts(up - earlier.up, down - earlier.down, connections - earlier.connections);
        }
    }

    private final InetSocketAddress target;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final Thread thread;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    /** One relayed connection: the client's socket, ours to the server, and what is on its way each way. */
    private static final class Link {
        final SocketChannel client;
        final SocketChannel server;
        SelectionKey clientKey;
        SelectionKey serverKey;
        final ByteBuffer toServer = ByteBuffer.allocate(BUFFER_BYTES).flip();
        final ByteBuffer toClient = ByteBuffer.allocate(BUFFER_BYTES).flip();
        boolean clientDone;
        boolean serverDone;

        Link(SocketChannel client, SocketChannel server) {
            this.client = client;
            this.server = server;
        }
    }

    CountingRelay(int targetPort) {
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        try {
            selector = Selector.open();
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, "relay-" + targetPort);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    Counts counts() {
        return new Counts(up.get(), down.get(), connections.get());
    }

    /** Stops relaying and drops every connection it relays. */
    @Override
    public void close() {
        thread.interrupt();
        selector.wakeup();
        try {
            thread.join(5_000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        serve(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept() throws IOException {
        SocketChannel client = listener.accept();
        if (client == null) {
            return;
        }
        // A blocking connect is fine here: on loopback it takes microseconds.
        SocketChannel server = SocketChannel.open(target);
        for (SocketChannel channel : new SocketChannel[] {client, server}) {
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
        }
        Link link = new Link(client, server);
        link.clientKey = client.register(selector, SelectionKey.OP_READ, link);
        link.serverKey = server.register(selector, SelectionKey.OP_READ, link);
        connections.incrementAndGet();
    }

    private void serve(SelectionKey key) {
        Link link = (Link) key.attachment();
        boolean fromClient = key.channel() == link.client;
        try {
            if (key.isWritable()) {
                if (fromClient) {
                    flush(link.client, link.clientKey, link.toClient, link.serverKey);
                } else {
                    flush(link.server, link.serverKey, link.toServer, link.clientKey);
                }
            }
            if (key.isValid() && key.isReadable()) {
                if (fromClient) {
                    link.clientDone = relay(link.client, link.clientKey, link.server, link.serverKey, link.toServer, up);
                } else {
                    link.serverDone = relay(link.server, link.serverKey, link.client, link.clientKey, link.toClient, down);
                }
                if (link.clientDone && link.serverDone) {
                    closeLink(link);
                }
            }
        } catch (IOException e) {
            // A reset on either side ends the whole connection, as it would without a relay.
            closeLink(link);
        }
    }

    /** Reads what one side sent and passes it on; returns true when that side has finished sending. */
    private static boolean relay(SocketChannel from, SelectionKey fromKey, SocketChannel to, SelectionKey toKey,
            ByteBuffer buffer, AtomicLong counter) throws IOException {
        buffer.clear();
        int read = from.read(buffer);
        buffer.flip();
        if (read < 0) {
            // The sender half-closed (FIN): pass that on too, and stop reading from it.
            fromKey.interestOps(fromKey.interestOps() & ~SelectionKey.OP_READ);
            to.shutdownOutput();
            return true;
        }
        counter.addAndGet(read);
        to.write(buffer);
        if (buffer.hasRemaining()) {
            // The receiver is slower than the sender: hold the sender until the receiver drains.
            fromKey.interestOps(fromKey.interestOps() & ~SelectionKey.OP_READ);
            toKey.interestOps(toKey.interestOps() | SelectionKey.OP_WRITE);
        }
        return false;
    }

    private static void flush(SocketChannel to, SelectionKey toKey, ByteBuffer buffer, SelectionKey fromKey) throws IOException {
        to.write(buffer);
        if (!buffer.hasRemaining()) {
            toKey.interestOps(toKey.interestOps() & ~SelectionKey.OP_WRITE);
            fromKey.interestOps(fromKey.interestOps() | SelectionKey.OP_READ);
        }
    }

    private static void closeLink(Link link) {
        for (SocketChannel channel : new SocketChannel[] {link.client, link.server}) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a socket that already failed: nothing left to do.
            }
        }
    }
}
