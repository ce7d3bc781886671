package workshop.progress;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One task at a time, one wrong answer at a time. In learner mode:
 * <ul>
 * <li>the first failing test of a task ends that task: its later tests do not run ("not run yet");
 * <li>once a task has a failing test, the tasks after it do not start ("not started");
 * <li>"Classroom check: ..." classes (crowds, seconds each) run only once every task passed;
 * <li>"Given: ..." classes run in full, unless {@link GivenCache} has them green already.
 * </ul>
 * The learner waits for the task at hand only, and the report never blames a later task for an
 * earlier one's gap. The solution profile, {@code -Dworkshop.all=true} and CI run everything.
 *
 * <p>Registered for every step through {@code META-INF/services} (Jupiter's extension
 * auto-detection, switched on in test-support's {@code junit-platform.properties}); the
 * {@link ProgressReport} tells it what failed, {@link TaskOrder} runs the classes in order.
 */
public final class FailFast implements ExecutionCondition {

    /** How a class that did not start says why; the report lists it as "not started". */
    static final String NOT_STARTED = "not started: ";

    /** How a test after its task's first failure says why; the report counts it as "not run yet". */
    static final String NOT_RUN_YET = "not run yet: ";

    /** How a classroom check says it waits for the tasks. */
    static final String WAITING = "waits for the tasks: ";

    /** How a class that watch mode did not rerun says why; the report lists it as done. */
    static final String DONE_EARLIER = "done earlier: ";

    /** How a Given class that was green on an earlier run, with the same code, says why it did not run. */
    static final String GREEN_EARLIER = "green earlier: ";

    /** The lowest task with a failing test in this run, or {@link Tasks#NONE}. */
    private static volatile int failedTask = Tasks.NONE;

    /** The last test class (not a Given one) in which a test failed: its later tests do not run. */
    private static volatile Class<?> failedClass;

    /** Watch mode reruns from the task at hand: the ones before it passed in an earlier run. */
    private static volatile int firstTask = 1;

    static void reset() {
        failedTask = Tasks.NONE;
        failedClass = null;
    }

    static void startAt(int task) {
        firstTask = task;
    }

    static int failedTask() {
        return failedTask;
    }

    static synchronized void failed(int task, Class<?> testClass) {
        failedTask = Math.min(failedTask, task);
        failedClass = testClass;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<ExtensionContext> top = topLevelClass(context);
        if (top.isEmpty() || !Tasks.oneTaskAtATime()) {
            return ConditionEvaluationResult.enabled("every test runs");
        }
        String name = top.get().getDisplayName();
        if (top.get() != context) {
            // A test (or a nested class) inside a class that started.
            if (!Tasks.isGiven(name) && failedClass != null && failedClass == top.get().getRequiredTestClass()) {
                context.getTestInstance().ifPresent(FailFast::closeFields);
                return ConditionEvaluationResult.disabled(NOT_RUN_YET + "an earlier test of this class fails");
            }
            return ConditionEvaluationResult.enabled("nothing failed before it in its class");
        }
        if (firstTask > 1 && (Tasks.isGiven(name) || Tasks.number(name) < firstTask)) {
            return ConditionEvaluationResult.disabled(DONE_EARLIER + "watch mode reruns from Task " + firstTask);
        }
        if (Tasks.isGiven(name)) {
            return GivenCache.stillGreen(context.getRequiredTestClass())
                    ? ConditionEvaluationResult.disabled(GREEN_EARLIER + "the given code, the tests and the libraries are unchanged")
                    : ConditionEvaluationResult.enabled("what is already true is checked");
        }
        int failed = failedTask;
        if (Tasks.isClassroomCheck(name)) {
            return failed == Tasks.NONE
                    ? ConditionEvaluationResult.enabled("every task passed")
                    : ConditionEvaluationResult.disabled(WAITING + "Task " + failed + " is not done yet");
        }
        if (Tasks.number(name) <= failed) {
            return ConditionEvaluationResult.enabled("no earlier task fails");
        }
        return ConditionEvaluationResult.disabled(NOT_STARTED + "Task " + failed + " is not done yet");
    }

    /**
     * JUnit makes a test's instance before it asks whether the test runs, and calls no
     * {@code @AfterEach} for one that does not: a field such as {@code final ChatServer server = new
     * ChatServer()} has started a server that nothing would stop. In watch mode those would pile up,
     * run after run (threads, ports, a log capture holding {@code System.err}); close them here.
     */
    private static void closeFields(Object instance) {
        for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || !AutoCloseable.class.isAssignableFrom(field.getType())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    if (field.get(instance) instanceof AutoCloseable open) {
                        open.close();
                    }
                } catch (Exception notClosed) {
                    // Best effort: the test did not run, and its JVM or watch run ends soon.
                }
            }
        }
    }

    /** The context of the outermost test class around this one (itself if it is one), if any. */
    private static Optional<ExtensionContext> topLevelClass(ExtensionContext context) {
        Optional<ExtensionContext> top = Optional.empty();
        for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent(); at = at.get().getParent()) {
            if (at.get().getTestClass().isPresent() && at.get().getTestMethod().isEmpty()) {
                top = at;
            }
        }
        return top;
    }
}
