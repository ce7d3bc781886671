package workshop.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a program that tests start (Chrome and chromedriver, redis-server), the same way on macOS,
 * Linux and Windows: as a system property names it, else on the PATH, else in the usual places.
 */
public final class Programs {

    private Programs() {
    }

    /**
     * The program the system property {@code property} names, when it is set. Otherwise the first
     * of {@code names} in a folder of the PATH (also with an extension: those of PATHEXT on Windows,
     * {@code .exe} elsewhere), then the first of {@code places} that is a program.
     */
    public static Optional<Path> find(String property, List<String> names, List<String> places) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        List<String> extensions = Stream.concat(Stream.of(""),
                Stream.of(System.getenv().getOrDefault("PATHEXT", ".exe").split(";")).filter(ext -> !ext.isBlank())).toList();
        Stream<String> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                // Windows allows quoted PATH entries; the quotes are not part of the folder.
                .map(dir -> dir.replace("\"", ""))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> names.stream().flatMap(name -> extensions.stream().map(ext -> dir + File.separator + name + ext)));
        return Stream.concat(onPath, places.stream())
                .flatMap(Programs::asPath)
                .filter(Files::isExecutable)
                .filter(path -> !Files.isDirectory(path))
                .findFirst();
    }

    /** A path, or none when this system cannot name it (a Windows path on Linux, odd characters). */
    private static Stream<Path> asPath(String name) {
        try {
            return Stream.of(Path.of(name));
        } catch (InvalidPathException notAPath) {
            return Stream.empty();
        }
    }
}
