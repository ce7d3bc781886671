package workshop.broadcast;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the server wrote to its log while a test ran. slf4j-simple writes to System.err, looked up
 * at each line, and an uncaught exception prints its stack trace there too: so this copies
 * System.err into a buffer, still showing it, until closed.
 */
final class ServerLog implements AutoCloseable {

    /** A line that tells of trouble: an exception's name, or a frame of a stack trace. */
    private static final Pattern TROUBLE = Pattern.compile("Exception|Error|^\\s+at \\S+\\(", Pattern.MULTILINE);

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    ServerLog() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8));
    }

    List<String> lines() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Fails, quoting them, if any lines of the log name an exception or show a stack trace. */
    void assertNoTrouble(String where) {
        List<String> trouble = lines().stream().filter(line -> TROUBLE.matcher(line).find()).toList();
        if (!trouble.isEmpty()) {
            fail("the server's log should show no exception and no stack trace; it has " + trouble.size() + " such lines, first "
                    + trouble.subList(0, Math.min(5, trouble.size())) + " (" + where + ")");
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
