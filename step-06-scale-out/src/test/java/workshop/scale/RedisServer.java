package workshop.scale;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import workshop.testing.Programs;

/**
 * A real {@code redis-server}, as a child process on a free loopback port, with no persistence: it
 * starts empty and leaves nothing behind. Found from {@code -Dredis.server=...}, then on the PATH,
 * then in the usual places. Without one the tests that need it are skipped with the reason, except
 * where the environment variable CI is set: there they fail.
 */
final class RedisServer implements AutoCloseable {

    static final String PROPERTY = "redis.server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final List<String> PLACES = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/opt/homebrew/bin/redis-server");

    private final Path binary;
    private final int port;
    private Process process;

    private RedisServer(Path binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    static RedisServer start() {
        Path binary = Programs.find(PROPERTY, List.of("redis-server"), PLACES)
                .orElseThrow(() -> unavailable("no redis-server on the PATH"));
        RedisServer server = new RedisServer(binary, freePort());
        server.restart();
        return server;
    }

    URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /** Stops it the hard way, as a crash or a network cut looks to its clients. */
    void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts it (again) on the same port, empty. */
    void restart() {
        stop();
        try {
            process = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "redis-server.log").toFile())
                    .start();
        } catch (IOException e) {
            throw unavailable("could not start " + binary + ": " + e.getMessage());
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!"+PONG".equals(command("PING"))) {
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                throw Assertions.<RuntimeException>fail(binary + " did not answer PING on port " + port
                        + " within " + START_TIMEOUT.toSeconds() + " s: see target/redis-server.log");
            }
            Thread.onSpinWait();
        }
    }

    /** Empties it between tests. */
    void flush() {
        command("FLUSHALL");
    }

    /**
     * One inline command (RESP: a line of words), such as {@code XLEN chat:history}; returns the first line
     * of the answer, or null when Redis cannot be reached.
     */
    String command(String line) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                answer.append((char) c);
            }
            return answer.toString();
        } catch (IOException notUp) {
            return null;
        }
    }

    /** The value of a string key, such as the instance that owns a name; null when there is none. */
    String value(String key) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(("GET " + key + "\r\nQUIT\r\n").getBytes(StandardCharsets.UTF_8));
            // RESP: "$<length>" then the value on the next line, or "$-1" for none. QUIT: Redis closes, the read ends.
            String[] lines = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n");
            return lines[0].equals("$-1") ? null : lines[1];
        } catch (IOException notUp) {
            return null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            // redis-server has no "--port 0, pick one": take a free port and hand it over.
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static RuntimeException unavailable(String why) {
        String message = "no Redis to test with: " + why + " (install redis-server, see the README, or pass -D" + PROPERTY + "=/path/to/redis-server)";
        if (System.getenv("CI") != null) {
            return Assertions.fail("CI is set, so the Redis tests must run, but there is " + message);
        }
        return Assumptions.abort(message);
    }
}
