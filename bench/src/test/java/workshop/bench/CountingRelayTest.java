package workshop.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CountingRelay: passes every byte on, and counts each direction at the socket")
class CountingRelayTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        threads.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    /** A server that reads what a client sends until it half-closes, then answers {@code answer} bytes and closes. */
    private int answeringServer(byte[] answer) throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                threads.submit(() -> {
                    try (socket) {
                        socket.getInputStream().readAllBytes();
                        socket.getOutputStream().write(answer);
                    }
                    return null;
                });
            }
            return null;
        });
        return server.getLocalPort();
    }

    private static byte[] exchange(int port, byte[] request) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write(request);
            client.shutdownOutput();
            return client.getInputStream().readAllBytes();
        }
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    @DisplayName("1,000 bytes up and 2,500 down arrive whole and are counted exactly, each way")
    void countsEachDirection() throws IOException {
        byte[] answer = random(2_500, 1);
        try (CountingRelay relay = new CountingRelay(answeringServer(answer))) {
            byte[] received = exchange(relay.port(), random(1_000, 2));
            assertArrayEquals(answer, received, "what the server sent must reach the client unchanged");
            assertEquals(new CountingRelay.Counts(1_000, 2_500, 1), relay.counts());
        }
    }

    @Test
    @DisplayName("16 MiB to a client that does not read yet: the relay holds the server back, then passes all of it, counted once")
    void slowReader() throws Exception {
        byte[] answer = random(16 * 1024 * 1024, 3);
        try (CountingRelay relay = new CountingRelay(answeringServer(answer));
                Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write(1);
            client.shutdownOutput();
            // Not reading: the socket buffers fill up and the relay must stop reading from the server.
            await().atMost(Duration.ofSeconds(30)).during(Duration.ofMillis(300))
                    .until(() -> relay.counts().down(), new LongStable());
            assertTrue(relay.counts().down() < answer.length,
                    "with nobody reading, the relay took all " + answer.length + " bytes: it does not hold the sender back");
            byte[] received = client.getInputStream().readAllBytes();
            assertArrayEquals(answer, received, "every byte, in order, once the client reads");
            assertEquals(new CountingRelay.Counts(1, answer.length, 1), relay.counts());
        }
    }

    /** Matches when the value has not changed since the last look: together with during(), "stable". */
    private static final class LongStable extends org.hamcrest.BaseMatcher<Long> {
        private Long last;

        @Override
        public boolean matches(Object value) {
            boolean same = value.equals(last);
            last = (Long) value;
            return same;
        }

        @Override
        public void describeTo(org.hamcrest.Description description) {
            description.appendText("a count that stopped growing");
        }
    }

    @Test
    @DisplayName("50 clients at once: every connection is relayed, and the counts add up")
    void manyClients() throws Exception {
        byte[] answer = random(300, 4);
        try (CountingRelay relay = new CountingRelay(answeringServer(answer))) {
            List<Future<byte[]>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(threads.submit(() -> exchange(relay.port(), random(100, 5))));
            }
            for (Future<byte[]> each : answers) {
                assertArrayEquals(answer, each.get(30, TimeUnit.SECONDS));
            }
            assertEquals(new CountingRelay.Counts(50 * 100, 50 * 300, 50), relay.counts());
        }
    }

    @Test
    @DisplayName("counts since a moment are the difference of two readings")
    void minus() {
        assertEquals(new CountingRelay.Counts(5, 70, 1),
                new CountingRelay.Counts(15, 100, 3).minus(new CountingRelay.Counts(10, 30, 2)));
    }
}
