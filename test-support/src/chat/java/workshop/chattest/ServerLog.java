package workshop.chattest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the server logs while a test runs. SLF4J's simple logger writes to {@code System.err}, looked
 * up at each line; this puts a copy of it aside, so that a test can fail on trouble there.
 *
 * <p>Trouble is a WARN or ERROR line, or a line of a stack trace ({@code at ...}, {@code Caused by:},
 * or an exception's own first line): never a word, since a learner's correct code may log a message
 * that quotes one ("SocketException: Connection reset" at INFO is not trouble).
 */
public final class ServerLog implements AutoCloseable {

    /** A stack trace: its frames, its causes, and the line that names the exception. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "^\\s+at [\\w$.<>/]+\\(.*\\)$|^\\s*Caused by: .*|^\\s+\\.\\.\\. \\d+ more$|^([a-z][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)(: .*)?$");
    /** SLF4J simple logger's level field, "[thread] WARN logger - message": not the word in a message. */
    private static final Pattern WARN_OR_ERROR = Pattern.compile("^(\\[[^\\]]*\\] )?(WARN|ERROR) ");

    /**
     * The stream there was before any capture, and how many captures are open. Captures may close
     * in any order (a test with two servers): only the last one out puts {@code System.err} back, or
     * an early close would end a later capture, and a late one would leave a dead stream in place,
     * swallowing everything written to {@code System.err} after it.
     */
    private static PrintStream beforeAny;
    private static int open;

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private boolean closed;

    private ServerLog(boolean echo) {
        synchronized (ServerLog.class) {
            if (open++ == 0) {
                beforeAny = System.err;
            }
        }
        OutputStream kept = new OutputStream() {
            @Override
            public void write(int b) {
                if (echo) {
                    original.write(b);
                }
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (echo) {
                    original.write(bytes, offset, length);
                }
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
            }
        };
        System.setErr(new PrintStream(kept, true, StandardCharsets.UTF_8));
    }

    /** Starts copying; close it (try-with-resources) to stop. */
    public static ServerLog capture() {
        return new ServerLog(true);
    }

    /**
     * Keeps the lines without printing them: for a step that logs at INFO so that a test can read
     * the log (step 5 checks that no token reaches it), while the progress report stays readable.
     */
    public static ServerLog captureSilently() {
        return new ServerLog(false);
    }

    /** Everything logged since the capture started. */
    public String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /** The lines that are trouble: WARN, ERROR, or part of a stack trace. */
    public List<String> troubles() {
        return text().lines().filter(ServerLog::isTrouble).toList();
    }

    /** Fails, listing them, if the server logged any trouble; {@code during} says what the test did. */
    public void assertNoTrouble(String during) {
        List<String> troubles = troubles();
        assertEquals(List.of(), troubles, "the server logged trouble during " + during + " (a WARN, an ERROR or a stack trace)");
    }

    public static boolean isTrouble(String line) {
        return WARN_OR_ERROR.matcher(line).find() || STACK_TRACE.matcher(line).find();
    }

    @Override
    public void close() {
        synchronized (ServerLog.class) {
            if (closed) {
                return;
            }
            closed = true;
            if (--open == 0) {
                System.setErr(beforeAny);
            }
        }
    }
}
