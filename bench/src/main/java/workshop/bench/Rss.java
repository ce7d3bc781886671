package workshop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a process costs the machine, asked the way each OS answers it. */
final class Rss {

    private static final String OS = System.getProperty("os.name").toLowerCase();

    private Rss() {
    }

    /** Resident set size of a process, in bytes, or -1 where this OS does not say. */
    static long of(long pid) {
        try {
            if (OS.contains("linux")) {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return kibibytes(line);
                    }
                }
            } else if (OS.contains("mac")) {
                return kibibytes(run(List.of("ps", "-o", "rss=", "-p", Long.toString(pid))));
            } else if (OS.contains("windows")) {
                // "java.exe","1234","Console","1","123,456 K": the working set, Windows' resident size.
                String csv = run(List.of("tasklist", "/FI", "PID eq " + pid, "/FO", "CSV", "/NH"));
                return kibibytes(csv.substring(csv.lastIndexOf(",\"") + 2));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * CPU time (user and system) a process has used so far, in nanoseconds, as Linux counts it in
     * {@code /proc/<pid>/stat} (fields 14 and 15, in clock ticks of 10 ms), or -1 elsewhere. Read from
     * outside, so that asking costs the server nothing and the same ruler measures Java and Node.
     */
    static long cpuNanos(long pid) {
        if (!OS.contains("linux")) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The process name (field 2) is in parentheses and may hold spaces: count fields after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * (1_000_000_000L / CLOCK_TICKS);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Clock ticks per second of /proc's figures: 100 on every Linux the bench has met (getconf CLK_TCK). */
    private static final long CLOCK_TICKS = 100;

    /**
     * How many more connections this process may open: on Linux and macOS each one is a file
     * descriptor, and the limit is {@code ulimit -n}. Windows has no such limit for sockets.
     */
    static long connectionsAllowed() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            // A little room for what the JVM opens later (a pipe, a log file): the jars are counted already.
            return unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 64;
        }
        return Long.MAX_VALUE;
    }

    static long fileDescriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    private static long kibibytes(String text) {
        return Long.parseLong(text.replaceAll("[^0-9]", "")) * 1024;
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not answer");
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
