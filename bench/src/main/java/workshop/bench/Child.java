package workshop.bench;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server the bench runs as a child process (a {@link ServerHost} JVM, or Node), and talks to over
 * its standard input and output. Its log goes to a file under target/. Closing it ends its standard
 * input, which makes it exit; one that does not within a few seconds is killed.
 */
final class Child implements Closeable {

    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    final String name;
    final int port;
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Child(String name, int port, List<String> command, File directory, File log) {
        this.name = name;
        this.port = port;
        try {
            log.getParentFile().mkdirs();
            process = new ProcessBuilder(command).directory(directory)
                    .redirectError(log).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // The child is gone; ask() reports it.
            }
        }, name + "-out");
        reader.setDaemon(true);
        reader.start();
        expect("ready", log);
    }

    /** A Java server in its own JVM: {@code mainClass} runs under {@link ServerHost} (or is one). */
    static Child java(String name, String mainClass, Map<String, String> properties, File log) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // The servers log at WARN: a line per connection or per message would cost more than the work.
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-Dport=" + port);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        if (mainClass.equals(EventServer.class.getName())) {
            command.add(mainClass);
        } else {
            command.add(ServerHost.class.getName());
            command.add(mainClass);
        }
        return new Child(name, port, command, new File("."), log);
    }

    /** A Node server: {@code node <script>} with the port as its argument, from the script's folder. */
    static Child node(String name, File script, File log) {
        int port = freePort();
        return new Child(name, port, List.of("node", "--expose-gc", script.getName(), Integer.toString(port)),
                script.getParentFile(), log);
    }

    long pid() {
        return process.pid();
    }

    /** Heap in use after a full collection, in bytes. */
    long heapAfterGc() {
        return value(ask("memory"), "heap");
    }

    /** CPU time the server's process has used so far, in nanoseconds, and what it has handled. */
    long[] cpuAndHandled() {
        String stats = ask("stats");
        return new long[] {value(stats, "cpu"), value(stats, "handled")};
    }

    private String ask(String command) {
        commands.println(command);
        return expect(command, null);
    }

    private String expect(String first, File log) {
        try {
            long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(first)) {
                    return line;
                }
                if (line == null && !process.isAlive()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(name + " did not answer \"" + first + "\""
                + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                + (log == null ? "" : "; see " + log));
    }

    private static long value(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return Long.parseLong(part.substring(key.length() + 1));
            }
        }
        throw new IllegalStateException("no " + key + " in \"" + line + "\"");
    }

    /** A port nobody uses now: the OS picks one, and the child binds it a moment later. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        commands.close();
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the child at once, for the end of a run where a graceful goodbye to every client would take long. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
