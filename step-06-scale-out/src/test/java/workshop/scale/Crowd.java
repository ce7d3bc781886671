package workshop.scale;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import workshop.chattest.ChatClient;
import workshop.chattest.ChatClient;

/** The crowd of the crowd tests: many clients that come and go, and peers that stop reading. */
final class Crowd {

    private Crowd() {
    }

    /** {@code count} clients, spread over the instances, each joins, says something, and leaves (half politely, half not). */
    static void churn(List<Instance> instances, int count) {
        List<ChatClient> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChatClient client = instances.get(i % instances.size()).join("churn" + i);
            client.say("hello from churn" + i);
            // A socket dropped right after a send can take the message with it (the server's TCP
            // discards what it has not read yet when the reset comes): go only once the room has it.
            awaitOwn(client, "hello from churn" + i);
            open.add(client);
            if (open.size() == 20) {
                leaveAll(open);
            }
        }
        leaveAll(open);
    }

    private static void awaitOwn(ChatClient client, String text) {
        while (!text.equals(ChatClient.string(client.nextMessage("its own \"" + text + "\" back from the room"), "text"))) {
            continue; // others' messages before it
        }
    }

    private static void leaveAll(List<ChatClient> clients) {
        for (ChatClient client : clients) {
            if (ThreadLocalRandom.current().nextBoolean()) {
                client.leave();
            } else {
                client.close();
            }
        }
        clients.clear();
    }

    /** {@code count} messages said on an instance, by as many senders as the rate limit needs; returns once they are all in. */
    static void say(Instance instance, int count) {
        try (ChatClient listener = instance.join("listener" + ThreadLocalRandom.current().nextInt(1_000_000))) {
            // The join takes one token of the burst, each message one more.
            int each = Limits.RATE_LIMIT_BURST - 1;
            for (int said = 0; said < count; said += each) {
                try (ChatClient sender = instance.join("sender" + ThreadLocalRandom.current().nextInt(1_000_000))) {
                    for (int i = said; i < Math.min(count, said + each); i++) {
                        sender.say("message " + i);
                    }
                    sender.leave();
                }
            }
            for (int i = 0; i < count; i++) {
                listener.nextMessage("message " + i + " of " + count);
            }
        }
    }

    /** Senders, each with a fresh rate-limit burst, that each say {@code each} long messages and leave. */
    static void flood(Instance instance, int senders, int each) {
        String text = "x".repeat(Limits.MAX_TEXT_LENGTH - 20);
        for (int i = 0; i < senders; i++) {
            try (ChatClient sender = instance.join("flood" + ThreadLocalRandom.current().nextInt(1_000_000))) {
                for (int j = 0; j < each; j++) {
                    sender.say(text + j);
                }
                sender.leave();
            }
        }
    }

    /**
     * A peer that joins over a raw socket with a tiny receive window, then never reads again and never
     * closes: to the server, a laptop that vanished.
     */
    static Socket silentPeer(Instance instance, String name) throws IOException {
        return rawPeer(instance, name, 1024);
    }

    /**
     * A peer on a slow link: it reads {@code SLOW_READ_BYTES} every {@code SLOW_READ_EVERY}, far less
     * than the room sends. Stop it with the returned executor.
     */
    static ScheduledExecutorService slowReader(Instance instance, String name) throws IOException {
        Socket socket = rawPeer(instance, name, 16 * 1024);
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
        byte[] buffer = new byte[SLOW_READ_BYTES];
        reader.scheduleWithFixedDelay(() -> {
            try {
                if (socket.getInputStream().read(buffer) == -1) {
                    socket.close();
                }
            } catch (IOException closed) {
                reader.shutdown();
            }
        }, 0, SLOW_READ_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return reader;
    }

    private static final int SLOW_READ_BYTES = 512;
    private static final Duration SLOW_READ_EVERY = Duration.ofMillis(50);

    private static Socket rawPeer(Instance instance, String name, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", instance.port()), 5000);
        OutputStream out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("silent-peer-key!".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET " + ScaleApp.PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + instance.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        String headers = "";
        while (!headers.endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c == -1) {
                throw new IOException("the server closed the upgrade: " + headers);
            }
            headers += (char) c;
        }
        out.write(maskedText("{\"type\":\"join\",\"name\":\"" + name + "\"}"));
        out.flush();
        return socket;
    }

    /** A client frame (RFC 6455 §5.2): FIN + text, masked, a payload under 126 bytes. */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    /** Floods until {@code watcher} hears that {@code name} left; bounded, so a server that never drops it fails. */
    static void floodUntilDropped(Instance instance, ChatClient watcher, String name) {
        Duration patience = Duration.ofSeconds(60);
        long rounds = 0;
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline && rounds++ < 200) {
            flood(instance, 10, Limits.RATE_LIMIT_BURST - 1);
            if (watcher.sawLeft(name)) {
                return;
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.sawLeft(name));
    }
}
