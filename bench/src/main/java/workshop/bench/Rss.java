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
