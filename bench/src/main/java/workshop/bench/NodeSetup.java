package workshop.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node is optional: the reference server runs when {@code node} is on the PATH. Its one dependency
 * ({@code ws}, pinned in node/package-lock.json) is installed with {@code npm ci} the first time.
 */
final class NodeSetup {

    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase().contains("windows");
    private static final int NPM_SECONDS = 120;

    private NodeSetup() {
    }

    /** The version of {@code node} on the PATH, or null when there is none. */
    static String nodeVersion() {
        try {
            Result result = run(List.of("node", "--version"), new File("."), 10);
            return result.exit == 0 ? result.output : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Makes sure node and the ws package are there, or says what is missing. */
    static void require(File directory) {
        if (nodeVersion() == null) {
            throw new CapacityBench.NotInstalled("not installed (no node on the PATH)");
        }
        if (new File(directory, "node_modules/ws/package.json").isFile()) {
            return;
        }
        try {
            // npm is a script, npm.cmd on Windows, which ProcessBuilder does not find by the bare name.
            Result result = run(List.of(WINDOWS ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund"), directory, NPM_SECONDS);
            if (result.exit != 0) {
                throw new CapacityBench.NotInstalled("ws not installed: npm ci in bench/node said: " + lastLine(result.output));
            }
        } catch (IOException e) {
            throw new CapacityBench.NotInstalled("ws not installed: could not run npm (" + e.getMessage() + ")");
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, File directory, int seconds) throws IOException {
        File output = File.createTempFile("bench-", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(directory).redirectErrorStream(true)
                    .redirectOutput(output).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, command + " did not finish in " + seconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            output.delete();
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\\R");
        return lines[lines.length - 1];
    }
}
