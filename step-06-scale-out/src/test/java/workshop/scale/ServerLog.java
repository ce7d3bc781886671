package workshop.scale;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The servers' log during one test (simplelogger.properties sends it to {@code target/server.log}).
 * A crowd must never make the server throw: any exception or stack trace in it fails the test.
 */
final class ServerLog {

    private static final Path FILE = Path.of("target", "server.log");

    private final long start;

    private ServerLog(long start) {
        this.start = start;
    }

    /** From now on. */
    static ServerLog mark() {
        return new ServerLog(size());
    }

    void assertNoExceptions(String during) {
        List<String> bad = lines().stream()
                .filter(line -> line.contains("Exception") || line.contains(" ERROR ") || line.startsWith("\tat ") || line.contains("Throwable"))
                .toList();
        if (!bad.isEmpty()) {
            fail("The server logged an exception " + during + " (see " + FILE + "):\n  "
                    + String.join("\n  ", bad.subList(0, Math.min(8, bad.size()))));
        }
    }

    List<String> lines() {
        try (RandomAccessFile file = new RandomAccessFile(FILE.toFile(), "r")) {
            file.seek(Math.min(start, file.length()));
            byte[] bytes = new byte[(int) (file.length() - file.getFilePointer())];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException none) {
            return List.of();
        }
    }

    private static long size() {
        try {
            return Files.exists(FILE) ? Files.size(FILE) : 0;
        } catch (IOException unreadable) {
            return 0;
        }
    }
}
