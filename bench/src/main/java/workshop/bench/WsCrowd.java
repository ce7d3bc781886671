package workshop.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Thousands of WebSocket clients on one thread: each opens a TCP connection to 127.0.0.1, sends the
 * upgrade request, and then reads every frame the server sends, answers pings (RFC 6455 §5.5.2, so that
 * step 3's lost-connection check keeps them), and records the stamp of each text frame. A client library
 * would spend a thread or two and their buffers per connection, more than the server it measures.
 *
 * <p>Its clients may also behave as browsers do ({@link Options}): offer permessage-deflate on the
 * upgrade (and inflate what comes compressed), and join the moment they are upgraded.
 */
final class WsCrowd implements Closeable {

    /** Upgrades in flight at once: a server's accept queue is only so long. */
    private static final int OPENING_AT_ONCE = 200;
    /** Base64 of 16 bytes (RFC 6455 §4.1); the same for every client, as the server only hashes it. */
    private static final String KEY = "YmVuY2gtY2xpZW50LWtleQ==";

    /**
     * How the clients behave. {@code hello}: the frame client {@code i} sends as soon as it is upgraded, or
     * null for none. {@code joinedMark}: the text that tells a client it has joined (step 4's welcome), or
     * null when the upgrade is the join.
     */
    record Options(boolean offerDeflate, IntFunction<String> hello, String joinedMark) {
        static final Options PLAIN = new Options(false, null, null);
    }

    private final InetSocketAddress server;
    private final Options options;
    private final byte[] joinedMark;
    private final AtomicInteger joined = new AtomicInteger();
    private final AtomicLong lastJoined = new AtomicLong();
    private final AtomicLong wireBytes = new AtomicLong();
    private volatile String extensions;
    private final byte[] upgrade;
    private final Selector selector;
    private final Thread thread;
    private final List<Client> clients = new ArrayList<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong lastMessage = new AtomicLong(System.nanoTime());
    private volatile int wanted;
    private int started;
    private int opening;
    private volatile Latencies latencies;
    private volatile String firstFailure = "none failed";

    private final class Client {
        final SocketChannel channel;
        SelectionKey key;
        boolean upgraded;
        boolean dropped;
        byte[] response = new byte[0];
        final Deflate.Messages messages = new Deflate.Messages();
        boolean joined;
        final Queue<ByteBuffer> out = new ArrayDeque<>();

        Client(SocketChannel channel) {
            this.channel = channel;
        }
    }

    WsCrowd(int port, String path) {
        this(port, path, Options.PLAIN);
    }

    WsCrowd(int port, String path, Options options) {
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        this.options = options;
        joinedMark = options.joinedMark() == null ? null : options.joinedMark().getBytes(StandardCharsets.UTF_8);
        upgrade = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n"
                + (options.offerDeflate() ? "Sec-WebSocket-Extensions: " + Deflate.OFFER + "\r\n" : "") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, "crowd-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens connections until {@code count} are open; returns at once, watch {@link #open()}. */
    void openUpTo(int count) {
        wanted = count;
        selector.wakeup();
    }

    int open() {
        return open.get();
    }

    /** Clients that have joined: received the joined mark, or were upgraded when there is none. */
    int joined() {
        return joined.get();
    }

    /** When the last client joined, in {@link System#nanoTime()}. */
    long lastJoinedNanos() {
        return lastJoined.get();
    }

    /** Bytes received from the server since the upgrades, frame headers included: what crossed the wire. */
    long wireBytes() {
        return wireBytes.get();
    }

    /** The extensions the server's first 101 answered, "" for none, null before any answer. */
    String extensions() {
        return extensions;
    }

    /** CPU time of this crowd's thread so far, in nanoseconds: is the load generator the bottleneck? */
    long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
    }

    int failed() {
        return failed.get();
    }

    /** Why the first connection that failed did, for the report. */
    String firstFailure() {
        return firstFailure;
    }

    /** Nanoseconds since any client last received a message: the server is done sending when it grows. */
    long quietNanos() {
        return System.nanoTime() - lastMessage.get();
    }

    /** From now on, each stamped text frame any client receives is recorded here. */
    void record(Latencies latencies) {
        this.latencies = latencies;
    }

    /** Sends a text frame from client {@code index} (an open one, counted from 0). */
    void send(int index, String text) {
        tasks.add(() -> {
            Client client = clients.get(index);
            if (client.dropped) {
                return;
            }
            client.out.add(WsFrames.text(text));
            write(client);
        });
        selector.wakeup();
    }

    @Override
    public void close() {
        thread.interrupt();
        selector.wakeup();
        try {
            thread.join(10_000);
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
                while (started < wanted && opening < OPENING_AT_ONCE) {
                    connect();
                }
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    serve(key);
                }
                selector.selectedKeys().clear();
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void connect() throws IOException {
        started++;
        opening++;
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        Client client = new Client(channel);
        channel.connect(server);
        client.key = channel.register(selector, SelectionKey.OP_CONNECT, client);
    }

    private void serve(SelectionKey key) {
        Client client = (Client) key.attachment();
        try {
            if (key.isConnectable()) {
                client.channel.finishConnect();
                client.out.add(ByteBuffer.wrap(upgrade));
                key.interestOps(SelectionKey.OP_READ);
                write(client);
            }
            if (key.isValid() && key.isWritable()) {
                write(client);
            }
            if (key.isValid() && key.isReadable()) {
                read(client);
            }
        } catch (IOException e) {
            drop(client, e.toString());
        }
    }

    private void read(Client client) throws IOException {
        readBuffer.clear();
        int read = client.channel.read(readBuffer);
        if (read < 0) {
            drop(client, client.upgraded ? "closed by the server" : "closed by the server before answering the upgrade");
            return;
        }
        byte[] bytes = readBuffer.array();
        int offset = 0;
        if (!client.upgraded) {
            byte[] response = Arrays.copyOf(client.response, client.response.length + read);
            System.arraycopy(bytes, 0, response, client.response.length, read);
            int end = headerEnd(response);
            if (end < 0) {
                client.response = response;
                return;
            }
            String status = new String(response, 0, Math.min(12, end), StandardCharsets.US_ASCII);
            if (!status.equals("HTTP/1.1 101")) {
                drop(client, "the upgrade was answered " + status);
                return;
            }
            if (extensions == null) {
                extensions = Deflate.answered(response, end);
            }
            client.upgraded = true;
            client.response = null;
            int index = clients.size();
            clients.add(client);
            opening--;
            open.incrementAndGet();
            if (joinedMark == null) {
                markJoined(client);
            }
            if (options.hello() != null) {
                client.out.add(WsFrames.text(options.hello().apply(index)));
                write(client);
            }
            bytes = response;
            offset = end;
            read = response.length - end;
        }
        long now = System.nanoTime();
        wireBytes.addAndGet(read);
        Latencies recording = latencies;
        client.messages.feed(bytes, offset, read, (opcode, payload, at, length) -> {
            if (opcode == WsFrames.PING) {
                client.out.add(WsFrames.frame(WsFrames.PONG, Arrays.copyOfRange(payload, at, at + length)));
                write(client);
                return;
            }
            // Pings do not count: step 4 pings each connection on its own timer, so with thousands of
            // them some ping is always on its way, and the server would never look done.
            lastMessage.set(now);
            if (!client.joined && contains(payload, at, length, joinedMark)) {
                markJoined(client);
            }
            if (recording != null && (opcode == WsFrames.TEXT || opcode == WsFrames.CONTINUATION)) {
                Stamps.scan(payload, at, length, stamp -> recording.record(now - stamp));
            }
        });
    }

    private void write(Client client) {
        try {
            while (!client.out.isEmpty()) {
                ByteBuffer next = client.out.peek();
                client.channel.write(next);
                if (next.hasRemaining()) {
                    client.key.interestOps(client.key.interestOps() | SelectionKey.OP_WRITE);
                    return;
                }
                client.out.remove();
            }
            client.key.interestOps(client.key.interestOps() & ~SelectionKey.OP_WRITE);
        } catch (IOException e) {
            drop(client, e.toString());
        }
    }

    private void markJoined(Client client) {
        client.joined = true;
        joined.incrementAndGet();
        lastJoined.set(System.nanoTime());
    }

    private static boolean contains(byte[] bytes, int offset, int length, byte[] mark) {
        if (mark == null) {
            return false;
        }
        outer:
        for (int i = offset; i + mark.length <= offset + length; i++) {
            for (int k = 0; k < mark.length; k++) {
                if (bytes[i + k] != mark[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void drop(Client client, String why) {
        if (client.dropped) {
            return;
        }
        client.dropped = true;
        if (failed.get() == 0) {
            firstFailure = why;
        }
        if (client.upgraded) {
            open.decrementAndGet();
        } else {
            opening--;
        }
        failed.incrementAndGet();
        client.key.cancel();
        client.messages.close();
        try {
            client.channel.close();
        } catch (IOException ignored) {
            // Already broken: nothing more to free.
        }
    }

    private static int headerEnd(byte[] response) {
        for (int i = 3; i < response.length; i++) {
            if (response[i - 3] == '\r' && response[i - 2] == '\n' && response[i - 1] == '\r' && response[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }
}
