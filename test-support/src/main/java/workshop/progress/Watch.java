package workshop.progress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Watch mode: stays running, and each time a file of the learner's is saved, compiles the step
 * anew and reruns its tests from the task at hand, so the report is back in about a second. It
 * says at once what it runs ("running Task 2 (7 tests)...", printed by {@link ProgressReport}),
 * and the run ends at the task's first failing test. Enter reruns every task from Task 1.
 * Started by {@code ./mvnw -q -Pwatch -pl <step>} (the {@code watch} profile of the root pom runs
 * it with the exec plugin, on the step's test classpath, in Maven's own JVM, which stays warm).
 *
 * <p>Each run builds the learner's code ({@code src/main} or, with {@code -Psolution}, the
 * solution, plus {@code src/given}) into a fresh folder with {@code javax.tools}, and runs the
 * JUnit Platform in a fresh class loader that holds that folder and the compiled tests, so no
 * class or static state of an earlier run is seen. The libraries stay loaded (and warm) in a
 * parent loader shared by every run. The tests themselves are compiled once, by Maven, before.
 */
public final class Watch {

    /** Only the learner's few files are looked at, so a short poll costs nothing and the verdict comes sooner. */
    private static final long POLL_MILLIS = 150;
    /** A save in an editor can write several files, or one file twice: wait for quiet first. */
    private static final long QUIET_MILLIS = 150;

    private final Path step;
    private final List<Path> sources;
    private final List<Path> resources;
    private final List<Path> watched;
    private final Path testClasses;
    private final Path mavenClasses;
    private final Path runs;
    private final ClassLoader libraryLoader;
    private final JavaCompiler javac;
    private final StandardJavaFileManager files;
    private int run;
    private URLClassLoader previousLoader;
    private Path previousClasses;

    private Watch(Path step, String sourceDir, String resourceDir, List<Path> shared, List<Path> libraries) throws IOException {
        this.step = step;
        List<Path> sourceFolders = new ArrayList<>(List.of(step.resolve(sourceDir), step.resolve("src/given/java")));
        List<Path> resourceFolders = new ArrayList<>(List.of(step.resolve(resourceDir), step.resolve("src/given/resources")));
        // Given code that several steps share (chat-core/, strict-java-websocket/) is compiled with the
        // learner's code, as Maven's build adds it: Maven's own classes folder is not on this class path.
        for (Path folder : shared) {
            sourceFolders.add(folder.resolve("src/main/java"));
            resourceFolders.add(folder.resolve("src/main/resources"));
        }
        this.sources = existing(sourceFolders.toArray(Path[]::new));
        this.resources = existing(resourceFolders.toArray(Path[]::new));
        this.watched = existing(step.resolve(sourceDir), step.resolve(resourceDir));
        this.testClasses = step.resolve("target/test-classes");
        this.mavenClasses = step.resolve("target/classes");
        this.runs = step.resolve("target/watch");
        this.libraryLoader = new URLClassLoader("watch-libraries", urls(libraries), ClassLoader.getPlatformClassLoader());
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("watch mode needs a JDK, not a JRE: point JAVA_HOME at a JDK 17 or newer");
        }
        // One file manager for every run: it keeps the libraries' jars open and indexed, which is
        // most of what a compile of a few files costs. Compiled for the JDK that runs them (no
        // --release: reading the platform's symbol archive afresh would take seconds).
        this.files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        files.setLocationFromPaths(StandardLocation.CLASS_PATH, libraries);
    }

    /**
     * Arguments: the step's folder, its source folder and its resource folder (relative to the step),
     * then the folders of shared given code the step builds in (those that do not exist are passed over).
     */
    public static void main(String[] args) throws Exception {
        Path step = Path.of(args[0]).toAbsolutePath().normalize();
        List<Path> shared = Arrays.stream(args).skip(3).map(folder -> Path.of(folder).toAbsolutePath().normalize()).toList();
        Watch watch = new Watch(step, args[1], args[2], shared, libraries(step));
        System.setProperty("workshop.given.shared", String.join(",", Arrays.asList(args).subList(3, args.length)));
        System.setProperty("workshop.watch", "true");
        System.setProperty("workshop.step.dir", step.toString());
        watch.loop();
    }

    private void loop() throws Exception {
        AtomicBoolean everything = new AtomicBoolean();
        Thread enter = new Thread(() -> waitForEnter(everything), "watch-enter");
        enter.setDaemon(true);
        enter.start();
        delete(runs);
        Map<Path, Long> seen = snapshot();
        int from = runOnce(remembered(), true);
        while (true) {
            Thread.sleep(POLL_MILLIS);
            Map<Path, Long> now = snapshot();
            boolean rerunAll = everything.getAndSet(false);
            if (now.equals(seen) && !rerunAll) {
                continue;
            }
            // Let the editor finish writing.
            do {
                seen = now;
                Thread.sleep(QUIET_MILLIS);
                now = snapshot();
            } while (!now.equals(seen));
            from = runOnce(rerunAll ? 1 : from, false);
        }
    }

    /**
     * Builds and tests once, from the task at hand; returns the task to start from next time. The
     * tasks before it passed on an earlier run and are not rerun (Enter reruns them): the learner
     * waits for the task they work on only.
     */
    private int runOnce(int from, boolean first) throws IOException {
        clearScreen();
        long started = System.nanoTime();
        Path classes = runs.resolve("run-" + ++run);
        if (first && Files.isDirectory(mavenClasses)) {
            // Maven compiled the same code for this mode a moment ago (the watch profile runs
            // test-compile first): the first report need not wait for a second compile.
            classes = mavenClasses;
        } else {
            System.out.println(from > 1 ? "compiling, then from Task " + from + " on..." : "compiling...");
            System.out.flush();
            if (!compile(classes)) {
                delete(classes);
                return from;
            }
        }
        long compiled = System.nanoTime();
        int failed;
        try {
            failed = test(classes, from);
        } catch (Exception broken) {
            System.out.println("The tests could not run: " + broken);
            System.out.println("Watching: save a file to try again, Ctrl+C to stop.");
            return from;
        }
        if (Boolean.getBoolean("workshop.watch.timing")) {
            System.err.printf("watch: built and tested in %.2f s (compiling: %.2f s)%n",
                    (System.nanoTime() - started) / 1e9, (compiled - started) / 1e9);
        }
        int next = failed == Tasks.NONE ? from : failed;
        remember(next);
        return next;
    }

    /**
     * Where the last watch ended, if the learner's files are as they were then: a restart of watch
     * mode goes straight to the task at hand rather than rerunning the ones that passed.
     */
    private int remembered() {
        try {
            String[] saved = Files.readString(runs.resolveSibling("workshop-watch-from")).split("\t");
            return saved.length == 2 && saved[0].equals(fingerprint()) ? Integer.parseInt(saved[1].strip()) : 1;
        } catch (IOException | RuntimeException none) {
            return 1;
        }
    }

    private void remember(int from) {
        try {
            Files.writeString(runs.resolveSibling("workshop-watch-from"), fingerprint() + "\t" + from);
        } catch (IOException | RuntimeException ignored) {
            // Not remembered: the next start runs from Task 1.
        }
    }

    /** The learner's files, the given code and the compiled tests: what decides which tasks pass. */
    private String fingerprint() throws IOException {
        int hash = 1;
        List<Path> folders = new ArrayList<>(sources);
        folders.addAll(resources);
        folders.add(testClasses);
        for (Path file : filesIn(folders, "")) {
            hash = 31 * hash + file.hashCode();
            hash = 31 * hash + Arrays.hashCode(Files.readAllBytes(file));
        }
        return Integer.toHexString(hash);
    }

    /** The last report is the one to read. */
    private static void clearScreen() {
        System.out.print("\033[H\033[2J");
        System.out.flush();
    }

    private boolean compile(Path classes) throws IOException {
        Files.createDirectories(classes);
        files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        boolean ok = javac.getTask(null, files, problems, List.of("-proc:none", "-implicit:none"), null,
                files.getJavaFileObjectsFromPaths(filesIn(sources, ".java"))).call();
        files.flush();
        if (!ok) {
            System.out.println("Your code does not compile:");
            for (Diagnostic<? extends JavaFileObject> problem : problems.getDiagnostics()) {
                if (problem.getKind() == Diagnostic.Kind.ERROR) {
                    String where = problem.getSource() == null ? ""
                            : step.relativize(Path.of(problem.getSource().toUri())) + ":" + problem.getLineNumber() + ": ";
                    System.out.println("  " + where + problem.getMessage(Locale.ROOT));
                }
            }
            System.out.println("Watching: save a file to try again, Ctrl+C to stop.");
            return false;
        }
        for (Path folder : resources) {
            for (Path file : filesIn(List.of(folder), "")) {
                Path copy = classes.resolve(folder.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return true;
    }

    private int test(Path classes, int from) throws Exception {
        URLClassLoader loader = new URLClassLoader("watch-run-" + run, urls(List.of(classes, testClasses)), libraryLoader);
        Thread thread = Thread.currentThread();
        ClassLoader outer = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // JUnit finds the tests, the report and its settings here
        try {
            return (int) loader.loadClass(WatchRun.class.getName())
                    .getMethod("run", Path.class, int.class)
                    .invoke(null, testClasses, from);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(outer);
            forgetPreviousRun(loader, classes);
        }
    }

    /** Frees the run before this one; this one's classes stay for a look until the next. */
    private void forgetPreviousRun(URLClassLoader loader, Path classes) throws IOException {
        if (previousLoader != null) {
            previousLoader.close();
        }
        if (previousClasses != null && !previousClasses.equals(classes) && previousClasses.startsWith(runs)) {
            delete(previousClasses);
        }
        previousLoader = loader;
        previousClasses = classes;
    }

    private static void delete(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private Map<Path, Long> snapshot() throws IOException {
        Map<Path, Long> times = new TreeMap<>();
        for (Path file : filesIn(watched, "")) {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            times.put(file, attributes.lastModifiedTime().toMillis() * 31 + attributes.size());
        }
        return times;
    }

    private static void waitForEnter(AtomicBoolean everything) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                everything.set(true);
            }
        } catch (IOException e) {
            // No console to read from: saves still trigger runs.
        }
    }

    /** The jars on the class path Maven gave this main class: the step's libraries and JUnit. */
    private static List<Path> libraries(Path step) {
        ClassLoader loader = Watch.class.getClassLoader();
        if (!(loader instanceof URLClassLoader urls)) {
            throw new IllegalStateException("run watch mode with ./mvnw -Pwatch -pl <step>");
        }
        List<Path> jars = new ArrayList<>();
        for (URL url : urls.getURLs()) {
            Path path;
            try {
                path = Path.of(url.toURI());
            } catch (URISyntaxException e) {
                continue;
            }
            if (!path.startsWith(step.resolve("target"))) {
                jars.add(path);
            }
        }
        return jars;
    }

    private static List<Path> existing(Path... folders) {
        return Arrays.stream(folders).filter(Files::isDirectory).toList();
    }

    private static List<Path> filesIn(List<Path> folders, String suffix) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(suffix)).sorted().forEach(found::add);
            }
        }
        return found;
    }

    private static URL[] urls(List<Path> paths) {
        return paths.stream().map(path -> {
            try {
                return path.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }).toArray(URL[]::new);
    }
}
