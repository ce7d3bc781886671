package workshop.scale;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The servers' log during one test (simplelogger.properties sends it to {@code target/server.log}).
 * Trouble is what the logger itself marks: a WARN or ERROR line, or a stack trace. A word in a
 * message is not: a server may well quote "SocketException: Connection reset" in an INFO line.
 */
final class ServerLog {

    private static final Path FILE = Path.of("target", "server.log");
    /** simplelogger's line: "18:02:03.456 [thread] LEVEL logger - message". */
    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\S+ \\[[^\\]]*\\] (WARN|ERROR) .*");
    private static final Pattern ERROR = Pattern.compile("^\\S+ \\[[^\\]]*\\] ERROR .*");
    /** A stack trace: its frames, its causes, and its first line, the exception alone on a line. */
    private static final Pattern STACK_TRACE = Pattern.compile("^(\\tat |\\t\\.\\.\\. \\d+ more|Caused by: |\\tSuppressed: |[\\w$]+(\\.[\\w$]+)+(: .*)?$)");

    private final long start;

    private ServerLog(long start) {
        this.start = start;
    }

    /** From now on. */
    static ServerLog mark() {
        return new ServerLog(size());
    }

    /** No stack trace, no WARN, no ERROR: nothing went wrong. */
    void assertNoTrouble(String during) {
        assertNone(WARN_OR_ERROR, "a stack trace, a warning or an error", during);
    }

    /** No stack trace, no ERROR: where something is expected to go wrong (Redis goes away), warnings say so. */
    void assertNoErrors(String during) {
        assertNone(ERROR, "a stack trace or an error", during);
    }

    private void assertNone(Pattern level, String what, String during) {
        List<String> bad = lines().stream().filter(line -> level.matcher(line).matches() || STACK_TRACE.matcher(line).find()).toList();
        if (!bad.isEmpty()) {
            fail("The server logged " + what + " " + during + " (see " + FILE + "):\n  "
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
