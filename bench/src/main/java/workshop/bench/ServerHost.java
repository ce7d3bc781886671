package workshop.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The main class of every Java server the bench starts, each in its own JVM so that its memory and
 * CPU time are its own: {@code ServerHost <main class>} runs that class's {@code main} (the step's own,
 * untouched, port from {@code -Dport}), then answers the bench on standard input and output:
 * <pre>
 *   (prints)  ready
 *   memory    → memory heap=&lt;bytes used after a full GC&gt;
 *   stats     → stats cpu=&lt;process CPU ns&gt; handled=&lt;requests and messages, or -1&gt;
 * </pre>
 * When standard input ends (the bench is done, or died), the JVM exits: nothing is left running.
 * The Node reference server (node/server.js) speaks the same lines.
 */
public final class ServerHost {

    private static final int READY_WAIT_MILLIS = 30_000;

    private ServerHost() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        awaitListening(Integer.getInteger("port"));
        serve(() -> -1);
    }

    /** Answers the bench until standard input ends, then exits the JVM. */
    static void serve(LongSupplier handled) throws IOException {
        System.out.println("ready");
        System.out.flush();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("memory")) {
                // Twice: the first full collection may leave finalizable and weakly reachable objects behind.
                System.gc();
                System.gc();
                System.out.println("memory heap=" + memory.getHeapMemoryUsage().getUsed());
            } else if (line.equals("stats")) {
                System.out.println("stats cpu=" + os.getProcessCpuTime() + " handled=" + handled.getAsLong());
            }
            System.out.flush();
        }
        System.exit(0);
    }

    /** The steps' main methods return before the port accepts (step 3 binds on its own thread). */
    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + READY_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after " + READY_WAIT_MILLIS + " ms");
    }
}
