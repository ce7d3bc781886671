package workshop.reliable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything the server logs while a test runs. SLF4J's simple logger writes to whatever
 * {@code System.err} is at the time of each line, so swapping it catches the room's lines, Jetty's and
 * Javalin's. Kept, not printed, so that the progress report stays readable.
 */
final class ServerLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    ServerLog() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    synchronized String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /**
     * Lines that report trouble, by the chat steps' one rule (a WARN or ERROR line, a stack trace),
     * never a word a message may quote. Unlike the chat steps' {@code ServerLog}, this one keeps what it
     * captures to itself: step 5 logs at info, for {@link GivenTokenLogTest}, and the report stays readable.
     */
    List<String> troubles() {
        return text().lines().filter(workshop.chattest.ServerLog::isTrouble).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
