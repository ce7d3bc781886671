package workshop.progress;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Tells the learner, in plain words, where they are in a step: which tasks are done, which task is
 * next, why its first test fails, and the task's hint. Found by the JUnit Platform through
 * {@code META-INF/services}, so every step's {@code ./mvnw test} prints it without any setup.
 *
 * <p>A task is a test class whose display name starts with {@code "Task N"}; its hint comes from
 * {@link Hint}. A class named {@code "Given: ..."} checks what is already true (given code, the
 * library) and is shown apart; one named {@code "Classroom check: ..."} checks the finished step
 * with a crowd and has its own line after the tasks. In learner mode a task ends at its first
 * failing test, the tasks after it do not start, and the classroom checks wait for every task
 * ({@link FailFast}); Given classes green on an earlier run are not rerun ({@link GivenCache}).
 * In watch mode it also says, as they happen, which task runs and how it ended. The report fits
 * 80 columns: longer lines wrap, with an indent. Each run also writes one line per test to
 * {@code target/workshop-results-<mode>.tsv} (status, test, its display name, its class's display
 * name), which the checks in {@code .ci/} read.
 */
public final class ProgressReport implements TestExecutionListener {

    /** The report's width: it fits an 80-column terminal. */
    private static final int WIDTH = 78;
    private static final String RULE = "=".repeat(WIDTH);
    private static final String LINE = "-".repeat(WIDTH);
    private static final int MESSAGE_LIMIT = 400;
    /** A space that {@link #emit} does not break at. */
    private static final String KEEP = "\u00a0";

    private enum Status { PASSED, FAILED, SKIPPED, NOT_RUN }

    /** One test's outcome; {@code position} is where the test stands in its class's source. */
    private record Result(TestIdentifier test, Status status, String message, int position) {}

    private static final class Task {
        final String name;
        final int number;
        final Class<?> testClass;
        final List<Result> results = new ArrayList<>();
        /** Why the class did not run, when it did not: one of FailFast's reasons, or null. */
        String notRun;
        /** How many tests the class holds, when it did not run. */
        long planned;
        long startedNanos;

        Task(String name, Class<?> testClass) {
            this.name = name;
            this.number = Tasks.number(name);
            this.testClass = testClass;
        }

        boolean given() {
            return Tasks.isGiven(name);
        }

        boolean classroomCheck() {
            return Tasks.isClassroomCheck(name);
        }

        boolean is(String reason) {
            return notRun != null && notRun.startsWith(reason);
        }

        boolean doneEarlier() {
            return is(FailFast.DONE_EARLIER) || is(FailFast.GREEN_EARLIER);
        }

        boolean done() {
            return doneEarlier() || notRun == null && results.stream().allMatch(r -> r.status == Status.PASSED);
        }

        boolean failing() {
            return results.stream().anyMatch(r -> r.status == Status.FAILED);
        }

        /** Nothing failed, but something could not run here (no browser, say): not the learner's next task. */
        boolean skippedOnly() {
            return notRun == null && !done() && !failing();
        }

        long count(Status status) {
            return results.stream().filter(r -> r.status == status).count();
        }

        long size() {
            return notRun != null ? planned : results.size();
        }

        long toGo() {
            return results.stream().filter(r -> r.status != Status.PASSED).count();
        }

        /** The first failing test as the learner reads the test class, top to bottom. */
        Result firstFailure() {
            return results.stream()
                    .filter(r -> r.status == Status.FAILED)
                    .min(Comparator.comparingInt(Result::position))
                    .orElseThrow();
        }
    }

    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private TestPlan plan;
    private final boolean watching = Boolean.getBoolean("workshop.watch");

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        tasks.clear();
        FailFast.reset();
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        if (isTopLevelClass(identifier)) {
            Task task = task(identifier);
            task.startedNanos = System.nanoTime();
            if (watching) {
                // Watch mode says at once what it runs: a save is never met by silence.
                long tests = tests(identifier).count();
                System.out.printf("running %s (%d test%s)...%n", label(task), tests, tests == 1 ? "" : "s");
                System.out.flush();
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        String why = reason == null ? "" : reason;
        boolean classWide = Stream.of(FailFast.DONE_EARLIER, FailFast.GREEN_EARLIER, FailFast.NOT_STARTED, FailFast.WAITING)
                .anyMatch(why::startsWith);
        if (classWide) {
            Task task = task(identifier);
            task.notRun = why;
            task.planned = tests(identifier).count();
        } else if (why.startsWith(FailFast.NOT_RUN_YET)) {
            recordAll(identifier, Status.NOT_RUN, why);
        } else {
            recordAll(identifier, Status.SKIPPED, "skipped: " + why);
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        String message = result.getThrowable().map(ProgressReport::describe).orElse("");
        Status status = switch (result.getStatus()) {
            case SUCCESSFUL -> Status.PASSED;
            case ABORTED -> Status.SKIPPED;
            case FAILED -> Status.FAILED;
        };
        if (identifier.isTest()) {
            record(identifier, status, message);
        } else if (status != Status.PASSED) {
            // A class whose @BeforeAll failed never runs its tests: count each of them, or they
            // would vanish from the report (and from the checks in .ci/).
            Set<String> recorded = tasks.values().stream()
                    .flatMap(task -> task.results.stream())
                    .map(done -> done.test.getUniqueId())
                    .collect(Collectors.toSet());
            tests(identifier)
                    .filter(test -> !recorded.contains(test.getUniqueId()))
                    .forEach(test -> record(test, status, message));
        }
        if (watching && isTopLevelClass(identifier)) {
            Task task = task(identifier);
            if (task.notRun == null) {
                double seconds = (System.nanoTime() - task.startedNanos) / 1e9;
                System.out.printf("  %s in %.1f s%n", task.failing() ? "fails" : task.done() ? "passes" : "could not run here", seconds);
                System.out.flush();
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (tasks.isEmpty()) {
            return;
        }
        for (Task task : tasks.values()) {
            if (task.given() && task.notRun == null) {
                GivenCache.remember(task.testClass, task.done() && !task.results.isEmpty());
            }
        }
        String step = System.getProperty("workshop.step", "this step");
        String mode = System.getProperty("workshop.mode", "starter");
        StringWriter text = new StringWriter();
        print(new PrintWriter(text), step, mode);
        String file = System.getProperty("workshop.report.file", "");
        if (file.isBlank()) {
            System.out.print(text);
            System.out.flush();
        } else {
            // Under Maven in learner mode: ShowReport prints it after everything else (see there).
            boolean red = tasks.values().stream().anyMatch(Task::failing);
            write(Path.of(file), (red ? ShowReport.RED : "green") + "\n" + text);
        }
        writeResults(mode);
    }

    private Stream<TestIdentifier> tests(TestIdentifier identifier) {
        return identifier.isTest() ? Stream.of(identifier) : plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest);
    }

    private void recordAll(TestIdentifier identifier, Status status, String message) {
        List<TestIdentifier> tests = tests(identifier).toList();
        if (tests.isEmpty() && identifier.getSource().filter(MethodSource.class::isInstance).isPresent()) {
            record(identifier, status, message); // a parameterized test that never started: one entry
        }
        tests.forEach(test -> record(test, status, message));
    }

    private void record(TestIdentifier test, Status status, String message) {
        Task task = task(test);
        task.results.add(new Result(test, status, message, position(test)));
        if (status == Status.FAILED && !task.given()) {
            FailFast.failed(task.number, task.testClass);
            if (watching && task.count(Status.FAILED) == 1) {
                System.out.printf("  red at: %s%n", test.getDisplayName());
                System.out.flush();
            }
        }
    }

    private boolean isTopLevelClass(TestIdentifier identifier) {
        return identifier.getSource().filter(ClassSource.class::isInstance).isPresent()
                && plan.getParent(identifier).flatMap(TestIdentifier::getSource).filter(ClassSource.class::isInstance).isEmpty();
    }

    private Task task(TestIdentifier identifier) {
        TestIdentifier container = taskContainer(identifier);
        return tasks.computeIfAbsent(container.getUniqueId(), id -> new Task(container.getDisplayName(), javaClass(container)));
    }

    /** The enclosing class named "Task N ...", or else the outermost class around the test. */
    private TestIdentifier taskContainer(TestIdentifier test) {
        TestIdentifier outermostClass = test;
        Optional<TestIdentifier> current = Optional.of(test);
        while (current.isPresent()) {
            TestIdentifier container = current.get();
            if (Tasks.isTask(container.getDisplayName())) {
                return container;
            }
            if (container.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                outermostClass = container;
            }
            current = plan.getParent(container);
        }
        return outermostClass;
    }

    private static Class<?> javaClass(TestIdentifier container) {
        return container.getSource()
                .filter(ClassSource.class::isInstance)
                .map(source -> ((ClassSource) source).getJavaClass())
                .orElse(null);
    }

    private static int position(TestIdentifier test) {
        return test.getSource()
                .filter(MethodSource.class::isInstance)
                .map(source -> (MethodSource) source)
                .map(source -> SourceOrder.position(source.getJavaClass(), source.getMethodName()))
                .orElse(Integer.MAX_VALUE);
    }

    /** "Task 2", "the classroom check", or the class's whole name. */
    private static String label(Task task) {
        if (task.number != Tasks.NONE) {
            return "Task " + task.number;
        }
        if (task.classroomCheck()) {
            return "the classroom check";
        }
        return task.given() && task.testClass != null ? "what is given, " + task.testClass.getSimpleName() : task.name;
    }

    private void print(PrintWriter out, String step, String mode) {
        List<Task> ordered = new ArrayList<>(tasks.values());
        ordered.sort(Comparator.comparingInt((Task task) -> task.classroomCheck() ? 1 : 0).thenComparingInt(task -> task.number));
        List<Task> given = ordered.stream().filter(Task::given).toList();
        List<Task> work = ordered.stream().filter(task -> !task.given()).toList();
        long numbered = work.stream().filter(task -> task.number != Tasks.NONE).count();
        long done = work.stream().filter(task -> task.number != Tasks.NONE && task.done()).count();
        boolean everything = work.stream().allMatch(task -> task.notRun == null && task.count(Status.NOT_RUN) == 0);
        long tests = work.stream().mapToLong(task -> task.results.size()).sum();
        long passing = tests - work.stream().mapToLong(Task::toGo).sum();

        out.println();
        out.println(RULE);
        emit(out, String.format(" %s (%s): %d of %d tasks done%s", step, mode, done, numbered,
                everything ? ", " + passing + " of " + tests + " tests pass" : ""), 5);
        out.println(LINE);
        for (Task task : given) {
            String what = task.name.substring("Given:".length()).strip();
            if (task.done()) {
                emit(out, " Already true: " + what, 5);
            } else if (task.skippedOnly()) {
                emit(out, String.format(" [-] Given, but skipped here: %s   (%s)", what, firstSkip(task)), 5);
            } else {
                emit(out, String.format(" [!] Given, but failing here: %s   (%d of %d tests)", what, task.toGo(), task.results.size()), 5);
            }
        }
        for (Task task : work) {
            String mark = task.done() ? "[x]" : task.skippedOnly() ? "[-]" : "[ ]";
            // The detail in parentheses stays in one piece when the line wraps.
            emit(out, String.format(" %s %s%s", mark, task.name, detail(task).replace(" ", KEEP).replaceFirst("^" + KEEP + "+", "   ")), 5);
        }
        out.println(LINE);
        Optional<Task> next = work.stream().filter(Task::failing).findFirst()
                .or(() -> given.stream().filter(Task::failing).findFirst());
        String filter = System.getProperty("test", "");
        long skipped = work.stream().filter(Task::skippedOnly).count();
        List<Integer> earlier = work.stream().filter(task -> task.is(FailFast.DONE_EARLIER)).map(task -> task.number).toList();
        String then = filter.isBlank()
                ? "Run the main class and try it in a browser (see the step's README)."
                : "Run the whole step: " + wrapper() + " test -pl " + step;
        if (next.isEmpty() && skipped > 0) {
            emit(out, String.format(" Nothing failed, but %d task(s) could not run here (marked [-]).", skipped), 1);
            emit(out, " " + then, 1);
        } else if (next.isEmpty()) {
            emit(out, " " + (!filter.isBlank() ? "Done: the tasks run here (-Dtest=" + filter + ") pass."
                    : earlier.isEmpty() ? "All tasks done."
                    : "All tasks done (Tasks " + earlier.get(0) + " to " + earlier.get(earlier.size() - 1)
                            + " passed on an earlier run: Enter reruns them)."), 1);
            emit(out, " " + then, 1);
        }
        if (next.isEmpty() && watching) {
            emit(out, " Watching: save a file to rerun, Enter to rerun every task, Ctrl+C to stop.", 1);
        } else if (next.isPresent()) {
            Task task = next.get();
            Result first = task.firstFailure();
            emit(out, " Next: " + task.name + (task.given() ? " (true without your work, yet failing here)" : ""), 7);
            emit(out, "   Make true: " + first.test.getDisplayName(), 14);
            emit(out, "   What came: " + first.message, 14);
            hint(task).ifPresent(hint -> emit(out, "   Hint:      " + hint, 14));
            if (watching) {
                emit(out, "   Watching: save a file to rerun, Enter to rerun every task, Ctrl+C to stop.", 14);
            } else if (task.testClass != null) {
                emit(out, String.format("   Only this %s: %s test -pl %s -Dtest=%s", task.number == Tasks.NONE ? "check" : "task",
                        wrapper(), step, task.testClass.getSimpleName()), 5);
            }
        }
        counts(out, given, work);
        out.println(RULE);
        out.flush();
    }

    /** What the counts count: the tests of the tasks, the Given ones, and those not run. */
    private void counts(PrintWriter out, List<Task> given, List<Task> work) {
        long ran = work.stream().mapToLong(task -> task.results.stream().filter(r -> r.status != Status.NOT_RUN).count()).sum();
        long passed = work.stream().mapToLong(task -> task.count(Status.PASSED)).sum();
        long notRun = work.stream().mapToLong(task -> task.notRun != null ? task.planned : task.count(Status.NOT_RUN)).sum();
        long givenRan = given.stream().filter(task -> task.notRun == null).mapToLong(task -> task.results.size()).sum();
        long givenEarlier = given.stream().filter(Task::doneEarlier).count();
        StringBuilder text = new StringBuilder(" Task tests: ").append(ran).append(" ran, ").append(passed).append(" pass");
        if (notRun > 0) {
            text.append(", ").append(notRun).append(" not run");
        }
        if (givenRan > 0) {
            text.append("; ").append(givenRan).append(" Given ran");
        }
        if (givenEarlier > 0) {
            text.append("; ").append(givenEarlier).append(givenEarlier == 1 ? " Given class" : " Given classes")
                    .append(" green on an earlier run, not rerun");
        }
        text.append('.');
        if (!watching && (notRun > 0 || givenEarlier > 0)) {
            text.append(" Maven's \"Tests run\" counts every test, those not run as skipped.");
        }
        emit(out, text.toString(), 5);
    }

    private static String detail(Task task) {
        if (task.is(FailFast.DONE_EARLIER)) {
            return "   (passed before: not rerun)";
        }
        if (task.is(FailFast.WAITING)) {
            return "   (runs once every task is done)";
        }
        if (task.is(FailFast.NOT_STARTED)) {
            return "   (not started)";
        }
        if (task.done()) {
            return "";
        }
        if (task.skippedOnly()) {
            return "   (" + task.count(Status.SKIPPED) + " skipped here: " + firstSkip(task) + ")";
        }
        List<String> parts = new ArrayList<>();
        long passed = task.count(Status.PASSED);
        long failed = task.count(Status.FAILED);
        long notRun = task.count(Status.NOT_RUN);
        long skipped = task.count(Status.SKIPPED);
        if (passed > 0) {
            parts.add(passed + " pass");
        }
        parts.add(failed + (failed == 1 ? " fails" : " fail"));
        if (notRun > 0) {
            parts.add(notRun + " not run yet");
        }
        if (skipped > 0) {
            parts.add(skipped + " skipped here");
        }
        return "   (" + String.join(", ", parts) + ")";
    }

    /**
     * Prints {@code text} in lines of at most {@link #WIDTH} + 1 columns, broken between words;
     * every line after the first starts with {@code hang} spaces. Line breaks in the text stay.
     */
    static void emit(PrintWriter out, String text, int hang) {
        String indent = " ".repeat(hang);
        boolean first = true;
        for (String paragraph : text.split("\n", -1)) {
            String rest = first ? paragraph : indent + paragraph.strip();
            first = false;
            while (rest.length() > WIDTH + 1) {
                int cut = rest.lastIndexOf(' ', WIDTH + 1);
                if (cut <= hang) {
                    cut = WIDTH + 1; // one word longer than a line: break it
                }
                out.println(rest.substring(0, cut).stripTrailing().replace(KEEP, " "));
                rest = indent + rest.substring(cut).strip();
            }
            out.println(rest.replace(KEEP, " "));
        }
    }

    private static String firstSkip(Task task) {
        return task.results.stream().filter(r -> r.status == Status.SKIPPED)
                .map(r -> r.message.lines().findFirst().orElse("")).findFirst().orElse("");
    }

    /** The command a learner types on their own system. */
    private static String wrapper() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "mvnw.cmd" : "./mvnw";
    }

    private static Optional<String> hint(Task task) {
        return Optional.ofNullable(task.testClass)
                .map(type -> type.getAnnotation(Hint.class))
                .map(Hint::value);
    }

    private void writeResults(String mode) {
        String dir = System.getProperty("workshop.results.dir");
        if (dir == null) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Task task : tasks.values()) {
            for (Result result : task.results) {
                lines.append(result.status).append('\t')
                        .append(testName(result.test)).append('\t')
                        .append(result.test.getDisplayName()).append('\t')
                        .append(task.name).append('\n');
            }
        }
        write(Path.of(dir, "workshop-results-" + mode + ".tsv"), lines.toString());
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("progress report: could not write " + file + ": " + e);
        }
    }

    private static String testName(TestIdentifier test) {
        return test.getSource()
                .filter(MethodSource.class::isInstance)
                .map(source -> (MethodSource) source)
                .map(source -> simpleName(source.getClassName()) + "#" + source.getMethodName())
                .orElse(test.getUniqueId());
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Awaitility gave up waiting; the check it kept retrying is its cause. */
    private static boolean isTimeout(Throwable failure) {
        return failure.getClass().getName().equals("org.awaitility.core.ConditionTimeoutException");
    }

    private static String describe(Throwable failure) {
        if (isTimeout(failure) && failure.getCause() instanceof AssertionError check) {
            // Awaitility's own message names a lambda; the learner wants the check's message.
            return describe(check) + " (still so when the wait ended)";
        }
        if (failure.getClass().getName().equals("org.awaitility.core.TerminalFailureException")) {
            // A wait cut short on purpose (failFast): its message is the test's own reason.
            return failure.getCause() instanceof AssertionError check ? describe(check) : printable(String.valueOf(failure.getMessage()));
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        if (!(failure instanceof AssertionError)) {
            // An exception, not a failed check: its type is part of the story (a TODO still throws).
            message = failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
        message = printable(message);
        return message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + " ..." : message;
    }

    /** Control characters (a NUL from a frame, say) would turn the report into "binary" for grep. */
    private static String printable(String message) {
        StringBuilder text = new StringBuilder(Math.min(message.length(), MESSAGE_LIMIT + 16));
        for (int i = 0; i < message.length() && text.length() <= MESSAGE_LIMIT; i++) {
            char c = message.charAt(i);
            if (c < ' ' && c != '\n' || c == 0x7f) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
