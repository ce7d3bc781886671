package workshop.broadcast;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;

/** A test's client, whatever the library behind it: it sends text and keeps every line it receives. */
abstract class Client implements AutoCloseable {

    /**
     * How long a line may take to arrive on loopback before a test gives up: sized for a slow laptop
     * in a busy room, and each wait ends as soon as the line is there (or the server threw).
     */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    /** How long connecting may take; it works on the starter too, so it costs no time there. */
    static final Duration CONNECTING = Duration.ofSeconds(10);

    final String label;
    private final ObservedServer server;
    private final List<String> lines = new ArrayList<>();
    /** How many times each of the server's callbacks has returned since this client connected (see ObservedServer.barrier). */
    private final Map<String, AtomicInteger> returned = new ConcurrentHashMap<>();
    private volatile String closedWith;
    private volatile int closeCode;

    Client(String label, ObservedServer server) {
        this.label = label;
        this.server = server;
    }

    abstract void send(String text);

    abstract void sendBinary(byte[] bytes);

    abstract void awaitOpen();

    /** Leaves politely: a close frame with 1000 (RFC 6455 §7.1.2). */
    abstract void leave();

    /** A copy of every text message received so far, in order. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The received lines that are chat messages, not "* ..." notices. */
    List<String> chat() {
        return lines().stream().filter(line -> !line.startsWith("* ")).toList();
    }

    protected synchronized void received(String line) {
        lines.add(line);
    }

    protected void pinged(String payload) {
        if (payload.startsWith(ObservedServer.AFTER)) {
            returned.computeIfAbsent(payload.substring(ObservedServer.AFTER.length()), any -> new AtomicInteger()).incrementAndGet();
        }
    }

    /**
     * For {@link #awaitLine(String, Duration, Supplier, String)}: once BroadcastServer's {@code callback} has
     * returned {@code times} times since this client connected, whatever it sent has arrived.
     */
    Supplier<Optional<String>> after(String callback, int times) {
        return () -> returned.getOrDefault(callback, new AtomicInteger()).get() < times
                ? Optional.empty()
                : Optional.of("BroadcastServer." + callback + " has returned " + times + (times == 1 ? " time" : " times")
                        + " since " + label + " connected, and sent no such line");
    }

    protected void closed(int code, String reason) {
        closeCode = code;
        closedWith = code + " \"" + reason + "\"";
    }

    boolean isClosed() {
        return closedWith != null;
    }

    /**
     * A send that failed because the connection had ended: the error says only "Output closed", the
     * ending says why (the server's close code and reason, or the client's own error).
     */
    protected AssertionError sendFailed(RuntimeException error) {
        try {
            await().atMost(Duration.ofSeconds(1)).until(this::isClosed);
        } catch (ConditionTimeoutException stillOpen) {
            // Reported as such below.
        }
        return new AssertionError(label + " could not send (" + error + "): its connection had ended with "
                + (closedWith == null ? "nothing reported yet" : closedWith) + server.failure().map(f -> "; the server threw " + f).orElse(""), error);
    }

    /**
     * Waits for the first received line that matches {@code regex} and returns its match.
     * Fails with what came instead, and {@code where} to look, if none comes in time or the connection closes.
     */
    Matcher awaitLine(String regex, String where) {
        return awaitLine(regex, PATIENCE, where);
    }

    Matcher awaitLine(String regex, Supplier<Optional<String>> cannotCome, String where) {
        return awaitLine(regex, PATIENCE, cannotCome, where);
    }

    Matcher awaitLine(String regex, Duration patience, String where) {
        return awaitLine(regex, patience, () -> Optional.empty(), where);
    }

    /**
     * As above, and gives up as soon as {@code cannotCome} names a reason why the line cannot come
     * in time any more, rather than waiting out the patience.
     */
    Matcher awaitLine(String regex, Duration patience, Supplier<Optional<String>> cannotCome, String where) {
        Pattern pattern = Pattern.compile(regex);
        String expected = label + " expected a line matching " + regex;
        try {
            await().atMost(patience).until(() -> find(pattern).isPresent() || isClosed() || server.failure().isPresent()
                    || cannotCome.get().isPresent());
        } catch (ConditionTimeoutException e) {
            fail(expected + " within " + patience.toMillis() + " ms; got " + shown(lines()) + " (" + where + ")");
        }
        return find(pattern).orElseGet(() -> fail(expected + " but " + cannotCome.get().orElseGet(this::trouble)
                + "; got " + shown(lines()) + " (" + where + ")"));
    }

    /** Waits until {@code count} chat lines have arrived and returns them. */
    List<String> awaitChat(int count, Duration patience, String where) {
        try {
            await().atMost(patience).until(() -> chat().size() >= count || isClosed() || server.failure().isPresent());
        } catch (ConditionTimeoutException e) {
            fail(label + " expected " + count + " chat lines within " + patience.toMillis() + " ms; got "
                    + chat().size() + " (" + where + ")");
        }
        if (chat().size() < count) {
            fail(label + " expected " + count + " chat lines but " + trouble() + "; got " + chat().size() + " (" + where + ")");
        }
        return chat();
    }

    /** Waits for the connection to close and returns the close code. */
    int awaitCloseCode(String where) {
        try {
            await().atMost(PATIENCE).until(this::isClosed);
        } catch (ConditionTimeoutException e) {
            fail(label + " expected the server to close the connection within " + PATIENCE.toMillis()
                    + " ms, it stayed open (" + where + ")");
        }
        return closeCode;
    }

    /**
     * Checks that the chat lines hold, for each sender label, its texts "<label> #0" to "<label> #(each - 1)",
     * once each and in the order sent (the texts may go on after the number).
     */
    void assertLinesFrom(List<String> senders, int each, String where) {
        List<String> chat = chat();
        for (String sender : senders) {
            String prefix = sender + " #";
            List<Integer> numbers = chat.stream()
                    .map(line -> line.substring(line.indexOf(": ") + 2))
                    .filter(text -> text.startsWith(prefix))
                    .map(text -> Integer.parseInt(text.substring(prefix.length()).split(" ", 2)[0]))
                    .toList();
            List<Integer> expected = IntStream.range(0, each).boxed().toList();
            if (!numbers.equals(expected)) {
                int at = 0;
                while (at < Math.min(numbers.size(), each) && numbers.get(at) == at) {
                    at++;
                }
                fail(label + " should get " + sender + "'s lines #0 to #" + (each - 1) + ", once each, in order; it got "
                        + numbers.size() + " of them, the first out of place at position " + at + ": "
                        + numbers.subList(at, Math.min(numbers.size(), at + 5)) + " (" + where + ")");
            }
        }
    }

    private String trouble() {
        return server.failure().map(thrown -> "the server threw " + thrown)
                .orElse("the server closed the connection with " + closedWith);
    }

    /** The lines for a failure message, each cut short: a test may send 64 KiB in one. */
    static String shown(List<String> lines) {
        return lines.stream().map(line -> line.length() > 60 ? line.substring(0, 60) + "...(" + line.length() + " chars)" : line)
                .toList().toString();
    }

    private Optional<Matcher> find(Pattern pattern) {
        return lines().stream().map(pattern::matcher).filter(Matcher::matches).findFirst();
    }
}
