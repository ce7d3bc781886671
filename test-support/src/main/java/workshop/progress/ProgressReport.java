package workshop.progress;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@link Hint}. Each run also writes one line per test to
 * {@code target/workshop-results-<mode>.tsv} (status, test, its display name, its class's display
 * name), which the checks in {@code .ci/} read.
 */
public final class ProgressReport implements TestExecutionListener {

    private static final Pattern TASK_NUMBER = Pattern.compile("^Task (\\d+)\\b");
    private static final String RULE = "=".repeat(78);
    private static final int MESSAGE_LIMIT = 400;

    private enum Status { PASSED, FAILED, SKIPPED }

    /** One test's outcome; {@code waited} when it failed by running out of time rather than on a check. */
    private record Result(TestIdentifier test, Status status, String message, boolean waited) {}

    private static final class Task {
        final String name;
        final int number;
        final Class<?> testClass;
        final List<Result> results = new ArrayList<>();

        Task(String name, int number, Class<?> testClass) {
            this.name = name;
            this.number = number;
            this.testClass = testClass;
        }

        boolean done() {
            return results.stream().allMatch(r -> r.status == Status.PASSED);
        }

        /** Nothing failed, but something could not run here (no browser, say): not the learner's next task. */
        boolean skippedOnly() {
            return !done() && results.stream().noneMatch(r -> r.status == Status.FAILED);
        }

        long count(Status status) {
            return results.stream().filter(r -> r.status == status).count();
        }

        long failing() {
            return results.stream().filter(r -> r.status != Status.PASSED).count();
        }
    }

    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (identifier.isTest()) {
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
        boolean waited = result.getThrowable().filter(ProgressReport::isTimeout).isPresent();
        Status status = switch (result.getStatus()) {
            case SUCCESSFUL -> Status.PASSED;
            case ABORTED -> Status.SKIPPED;
            case FAILED -> Status.FAILED;
        };
        if (identifier.isTest()) {
            record(identifier, status, message, waited);
        } else if (status != Status.PASSED) {
            // A class whose @BeforeAll failed never runs its tests: count each of them, or they
            // would vanish from the report (and from the red/green check).
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
        print(System.out, step, mode);
        writeResults(mode);
    }

    private void record(TestIdentifier test, Status status, String message) {
        record(test, status, message, false);
    }

    private void record(TestIdentifier test, Status status, String message, boolean waited) {
        TestIdentifier container = taskContainer(test);
        Task task = tasks.computeIfAbsent(container.getUniqueId(), id -> newTask(container));
        task.results.add(new Result(test, status, message, waited));
    }

    /** The enclosing class named "Task N ...", or else the outermost class around the test. */
    private TestIdentifier taskContainer(TestIdentifier test) {
        TestIdentifier outermostClass = test;
        Optional<TestIdentifier> current = plan.getParent(test);
        while (current.isPresent()) {
            TestIdentifier container = current.get();
            if (TASK_NUMBER.matcher(container.getDisplayName()).find()) {
                return container;
            }
            if (container.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                outermostClass = container;
            }
            current = plan.getParent(container);
        }
        return outermostClass;
    }

    private static Task newTask(TestIdentifier container) {
        Matcher number = TASK_NUMBER.matcher(container.getDisplayName());
        Class<?> testClass = container.getSource()
                .filter(ClassSource.class::isInstance)
                .map(source -> ((ClassSource) source).getJavaClass())
                .orElse(null);
        return new Task(container.getDisplayName(),
                number.find() ? Integer.parseInt(number.group(1)) : Integer.MAX_VALUE, testClass);
    }

    private void print(PrintStream out, String step, String mode) {
        List<Task> ordered = new ArrayList<>(tasks.values());
        ordered.sort(Comparator.comparingInt(task -> task.number));
        long done = ordered.stream().filter(Task::done).count();
        long tests = ordered.stream().mapToLong(task -> task.results.size()).sum();
        long passing = tests - ordered.stream().mapToLong(Task::failing).sum();

        out.println();
        out.println(RULE);
        out.printf(" %s (%s): %d of %d tasks done, %d of %d tests pass%n",
                step, mode, done, ordered.size(), passing, tests);
        out.println("-".repeat(RULE.length()));
        for (Task task : ordered) {
            String mark = task.done() ? "[x]" : task.skippedOnly() ? "[-]" : "[ ]";
            String detail = task.done() ? ""
                    : task.skippedOnly() ? "   (" + task.count(Status.SKIPPED) + " skipped here: " + firstSkip(task) + ")"
                    : "   (" + task.failing() + " of " + task.results.size() + " tests to go)";
            out.printf(" %s %s%s%n", mark, task.name, detail);
        }
        out.println("-".repeat(RULE.length()));
        Optional<Task> next = ordered.stream().filter(task -> !task.done() && !task.skippedOnly()).findFirst();
        String filter = System.getProperty("test", "");
        long skipped = ordered.stream().filter(Task::skippedOnly).count();
        String then = filter.isBlank()
                ? "Run the main class and try it in a browser (see the step's README)."
                : "Run the whole step: " + wrapper() + " test -pl " + step;
        if (next.isEmpty() && skipped > 0) {
            out.printf(" Nothing failed, but %d task(s) could not run here (marked [-]).%n %s%n", skipped, then);
        } else if (next.isEmpty()) {
            out.printf(" %s%n %s%n", filter.isBlank() ? "All tasks done." : "Done: the tasks run here (-Dtest=" + filter + ") pass.", then);
        } else {
            Task task = next.get();
            // A failed check says more than a wait that ran out of time: show one of those first.
            Result first = task.results.stream()
                    .filter(r -> r.status != Status.PASSED)
                    .min(Comparator.comparing(Result::waited))
                    .orElseThrow();
            out.println(" Next: " + task.name);
            out.println("   Make true: " + first.test.getDisplayName());
            out.println("   What came: " + indent(first.message));
            hint(task).ifPresent(hint -> out.println("   Hint:      " + hint));
            if (task.testClass != null) {
                out.printf("   Only this task: %s test -pl %s -Dtest=%s%n", wrapper(), step, task.testClass.getSimpleName());
            }
        }
        out.println(RULE);
        out.println();
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
        try {
            Path file = Path.of(dir, "workshop-results-" + mode + ".tsv");
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("progress report: could not write results: " + e);
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
