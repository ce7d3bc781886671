package workshop.progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Remembers which "Given: ..." classes were green, so that a learner's run does not check again,
 * every time, what the given code and the library already do (41 tests in step 2). A class is
 * taken as green when an earlier learner run passed it with the same key: a SHA-256 of the step's
 * {@code src/given}, its compiled tests ({@code target/test-classes}, test-support included), the
 * step's and the root's {@code pom.xml} (every dependency version is named there) and the JDK's
 * version. One file per class under {@code target/workshop-given/}; {@code mvnw clean} forgets
 * them all. Used in learner mode only: {@code -Dworkshop.all=true}, the solution profile and CI
 * ({@code CI} set) run every Given class every time.
 */
final class GivenCache {

    private static String key;

    private GivenCache() {
    }

    static boolean enabled() {
        return Tasks.oneTaskAtATime() && !Tasks.inCi();
    }

    static boolean stillGreen(Class<?> given) {
        if (!enabled()) {
            return false;
        }
        try {
            Path file = file(given);
            return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(key());
        } catch (IOException | UncheckedIOException unreadable) {
            return false;
        }
    }

    /** After a run of the class: green remembers the key, anything else forgets it. */
    static void remember(Class<?> given, boolean green) {
        if (!enabled() || given == null) {
            return;
        }
        try {
            Path file = file(given);
            if (green) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, key(), StandardCharsets.UTF_8);
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException unwritable) {
            // Not remembered: the class simply runs again next time.
        }
    }

    private static Path step() {
        return Path.of(System.getProperty("workshop.step.dir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    }

    private static Path file(Class<?> given) {
        return step().resolve("target/workshop-given").resolve(given.getName());
    }

    private static synchronized String key() {
        if (key == null) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(System.getProperty("java.version", "").getBytes(StandardCharsets.UTF_8));
                Path step = step();
                List<Path> places = new ArrayList<>(List.of(step.resolve("src/given"), step.resolve("target/test-classes"),
                        step.resolve("pom.xml"), step.resolve("../pom.xml")));
                // Shared given code (chat-core/, strict-java-websocket/): a change there may change a Given result.
                for (String shared : System.getProperty("workshop.given.shared", "").split(",")) {
                    if (!shared.isBlank()) {
                        places.add(Path.of(shared.strip()).resolve("src/main"));
                    }
                }
                for (Path file : filesIn(places.toArray(Path[]::new))) {
                    sha.update(step.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(file));
                }
                key = HexFormat.of().formatHex(sha.digest());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return key;
    }

    private static List<Path> filesIn(Path... places) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path place : places) {
            if (Files.isRegularFile(place)) {
                found.add(place.normalize());
            } else if (Files.isDirectory(place)) {
                try (Stream<Path> files = Files.walk(place)) {
                    files.filter(Files::isRegularFile).sorted().forEach(found::add);
                }
            }
        }
        return found;
    }
}
