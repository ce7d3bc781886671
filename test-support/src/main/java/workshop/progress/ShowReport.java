package workshop.progress;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the progress report as the very last thing {@code ./mvnw test} shows in learner mode.
 * The tests run with failures ignored and {@link ProgressReport} writes the report to a file; this
 * main class, run by the exec plugin right after the tests (the root pom's learner profile),
 * prints it and then ends Maven with exit code 1 if a test failed. Failing the build the usual way
 * would print Maven's own list of failures and its BUILD FAILURE block below the report.
 *
 * <p>Arguments: the report file, and whether the caller asked to keep going after failing tests
 * ({@code -Dmaven.test.failure.ignore=true}: then the exit code stays 0).
 */
public final class ShowReport {

    static final String RED = "red";

    private ShowReport() {
    }

    public static void main(String[] args) throws IOException {
        Path report = Path.of(args[0]);
        boolean keepGoing = Boolean.parseBoolean(args[1]);
        // A report older than this Maven run is from an earlier one: the tests did not run (-DskipTests).
        long thisRun = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (!Files.isRegularFile(report) || Files.getLastModifiedTime(report).toMillis() < thisRun) {
            return;
        }
        List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
        boolean red = !lines.isEmpty() && lines.get(0).equals(RED);
        lines.stream().skip(1).forEach(System.out::println);
        System.out.flush();
        if (red && !keepGoing) {
            System.exit(1);
        }
    }
}
