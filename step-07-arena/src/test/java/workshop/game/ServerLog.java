package workshop.game;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the server logs while a test runs. SLF4J's simple logger writes to {@code System.err}, looked
 * up at each line; this puts a copy of it aside, so that a test can fail on any exception or stack
 * trace there. Warnings and errors only: the tests' logging configuration drops the rest.
 */
final class ServerLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private ServerLog() {
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (copy) {
                    copy.write(bytes, offset, length);
                }
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    static ServerLog capture() {
        return new ServerLog();
    }

    /** The lines that name an exception or are part of a stack trace. */
    List<String> problems() {
        String text;
        synchronized (copy) {
            text = copy.toString(StandardCharsets.UTF_8);
        }
        return text.lines()
                .filter(line -> line.contains("Exception") || line.contains("Error") || line.stripLeading().startsWith("at ")
                        || line.contains(" WARN ") || line.contains(" ERROR "))
                .toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
