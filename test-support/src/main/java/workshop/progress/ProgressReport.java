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
 * library) and is shown apart. In learner mode the tasks after the first failing one do not start
 * ({@link FailFast}). Each run also writes one line per test to
 * {@code target/workshop-results-<mode>.tsv} (status, test, its display name, its class's display
 * name), which the checks in {@code .ci/} read.
 */
public final class ProgressReport implements TestExecutionListener {

    private static final String RULE = "=".repeat(78);
    private static final String LINE = "-".repeat(78);
    private static final int MESSAGE_LIMIT = 400;

    private enum Status { PASSED, FAILED, SKIPPED }

    /** One test's outcome; {@code position} is where the test stands in its class's source. */
    private record Result(TestIdentifier test, Status status, String message, int position) {}

    private static final class Task {
        final String name;
        final int number;
        final Class<?> testClass;
        final List<Result> results = new ArrayList<>();
        String notStarted;
        boolean doneEarlier;

        Task(String name, Class<?> testClass) {
            this.name = name;
            this.number = Tasks.number(name);
            this.testClass = testClass;
        }

        boolean given() {
            return Tasks.isGiven(name);
        }

        boolean done() {
            return doneEarlier || notStarted == null && results.stream().allMatch(r -> r.status == Status.PASSED);
        }

        boolean failing() {
            return results.stream().anyMatch(r -> r.status == Status.FAILED);
        }

        /** Nothing failed, but something could not run here (no browser, say): not the learner's next task. */
        boolean skippedOnly() {
            return notStarted == null && !done() && !failing();
        }

        long count(Status status) {
            return results.stream().filter(r -> r.status == status).count();
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

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        tasks.clear();
        FailFast.reset();
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (reason != null && reason.startsWith(FailFast.DONE_EARLIER)) {
            task(identifier).doneEarlier = true;
        } else if (reason != null && reason.startsWith(FailFast.NOT_STARTED)) {
            task(identifier).notStarted = reason.substring(FailFast.NOT_STARTED.length());
        } else if (identifier.isTest()) {
            record(identifier, Status.SKIPPED, "skipped: " + reason);
        } else {
            plan.getDescendants(identifier).stream()
                    .filter(TestIdentifier::isTest)
                    .forEach(test -> record(test, Status.SKIPPED, "skipped: " + reason));
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
            plan.getDescendants(identifier).stream()
                    .filter(TestIdentifier::isTest)
                    .filter(test -> !recorded.contains(test.getUniqueId()))
                    .forEach(test -> record(test, status, message));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (tasks.isEmpty()) {
            return;
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

    private void record(TestIdentifier test, Status status, String message) {
        Task task = task(test);
        task.results.add(new Result(test, status, message, position(test)));
        if (status == Status.FAILED && !task.given()) {
            FailFast.failed(task.number);
        }
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

    private void print(PrintWriter out, String step, String mode) {
        List<Task> ordered = new ArrayList<>(tasks.values());
        ordered.sort(Comparator.comparingInt(task -> task.number));
        List<Task> given = ordered.stream().filter(Task::given).toList();
        List<Task> work = ordered.stream().filter(task -> !task.given()).toList();
        long numbered = work.stream().filter(task -> task.number != Tasks.NONE).count();
        long done = work.stream().filter(task -> task.number != Tasks.NONE && task.done()).count();
        boolean everything = work.stream().allMatch(task -> task.notStarted == null && !task.doneEarlier);
        long tests = work.stream().mapToLong(task -> task.results.size()).sum();
        long passing = tests - work.stream().mapToLong(Task::toGo).sum();

        out.println();
        out.println(RULE);
        out.printf(" %s (%s): %d of %d tasks done%s%n", step, mode, done, numbered,
                everything ? ", " + passing + " of " + tests + " tests pass" : "");
        out.println(LINE);
        for (Task task : given) {
            String what = task.name.substring("Given:".length()).strip();
            if (task.done()) {
                out.printf(" Already true: %s%n", what);
            } else if (task.skippedOnly()) {
                out.printf(" [-] Given, but skipped here: %s   (%s)%n", what, firstSkip(task));
            } else {
                out.printf(" [!] Given, but failing here: %s   (%d of %d tests)%n", what, task.toGo(), task.results.size());
            }
        }
        for (Task task : work) {
            String mark = task.done() ? "[x]" : task.skippedOnly() ? "[-]" : "[ ]";
            String detail = task.doneEarlier ? "   (passed before: not rerun)"
                    : task.done() ? ""
                    : task.notStarted != null ? "   (not started)"
                    : task.skippedOnly() ? "   (" + task.count(Status.SKIPPED) + " skipped here: " + firstSkip(task) + ")"
                    : "   (" + task.toGo() + " of " + task.results.size() + " tests to go)";
            out.printf(" %s %s%s%n", mark, task.name, detail);
        }
        out.println(LINE);
        Optional<Task> next = work.stream().filter(Task::failing).findFirst()
                .or(() -> given.stream().filter(Task::failing).findFirst());
        String filter = System.getProperty("test", "");
        boolean watching = Boolean.getBoolean("workshop.watch");
        long skipped = work.stream().filter(Task::skippedOnly).count();
        String then = filter.isBlank()
                ? "Run the main class and try it in a browser (see the step's README)."
                : "Run the whole step: " + wrapper() + " test -pl " + step;
        if (next.isEmpty() && skipped > 0) {
            out.printf(" Nothing failed, but %d task(s) could not run here (marked [-]).%n %s%n", skipped, then);
        } else if (next.isEmpty()) {
            out.printf(" %s%n %s%n", filter.isBlank() ? "All tasks done." : "Done: the tasks run here (-Dtest=" + filter + ") pass.", then);
        }
        if (next.isEmpty() && watching) {
            out.println(" Watching: save a file to rerun, Enter to rerun every task, Ctrl+C to stop.");
        } else if (next.isPresent()) {
            Task task = next.get();
            Result first = task.firstFailure();
            out.println(" Next: " + task.name + (task.given() ? " (true without your work, yet failing here)" : ""));
            out.println("   Make true: " + first.test.getDisplayName());
            out.println("   What came: " + indent(first.message));
            hint(task).ifPresent(hint -> out.println("   Hint:      " + hint));
            if (watching) {
                out.println("   Watching: save a file to rerun, Enter to rerun every task, Ctrl+C to stop.");
            } else if (task.testClass != null) {
                out.printf("   Only this task: %s test -pl %s -Dtest=%s%n", wrapper(), step, task.testClass.getSimpleName());
            }
        }
        out.println(RULE);
        out.flush();
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
            return failure.getCause() instanceof AssertionError check ? describe(check) : String.valueOf(failure.getMessage());
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        if (!(failure instanceof AssertionError)) {
            // An exception, not a failed check: its type is part of the story (a TODO still throws).
            message = failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
        return message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + " ..." : message;
    }

    private static String indent(String message) {
        return message.replace("\n", "\n              ");
    }
}
