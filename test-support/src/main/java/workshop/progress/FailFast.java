package workshop.progress;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One task at a time: in learner mode, once a task has a failing test, the tasks after it do not
 * start. The learner waits for the task at hand only, and the report never blames a later task
 * for an earlier one's gap. Every test of the failing task still runs, and "Given: ..." classes
 * always run. The solution profile and {@code -Dworkshop.all=true} run everything.
 *
 * <p>Registered for every step through {@code META-INF/services} (Jupiter's extension
 * auto-detection, switched on in test-support's {@code junit-platform.properties}); the
 * {@link ProgressReport} tells it which task failed, {@link TaskOrder} runs the tasks in order.
 */
public final class FailFast implements ExecutionCondition {

    /** How a class that did not start says why; the report lists it as "not started". */
    static final String NOT_STARTED = "not started: ";

    /** How a class that watch mode did not rerun says why; the report lists it as done. */
    static final String DONE_EARLIER = "done earlier: ";

    /** The lowest task with a failing test in this run, or {@link Tasks#NONE}. */
    private static volatile int failedTask = Tasks.NONE;

    /** Watch mode reruns from the task at hand: the ones before it passed in an earlier run. */
    private static volatile int firstTask = 1;

    static void reset() {
        failedTask = Tasks.NONE;
    }

    static void startAt(int task) {
        firstTask = task;
    }

    static int failedTask() {
        return failedTask;
    }

    static synchronized void failed(int task) {
        failedTask = Math.min(failedTask, task);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean topLevelClass = context.getTestMethod().isEmpty() && context.getTestClass().isPresent()
                && context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty();
        if (!topLevelClass || !Tasks.oneTaskAtATime()) {
            return ConditionEvaluationResult.enabled("every task runs");
        }
        String name = context.getDisplayName();
        if (firstTask > 1 && (Tasks.isGiven(name) || Tasks.number(name) < firstTask)) {
            return ConditionEvaluationResult.disabled(DONE_EARLIER + "watch mode reruns from Task " + firstTask);
        }
        int failed = failedTask;
        if (Tasks.isGiven(name) || Tasks.number(name) <= failed) {
            return ConditionEvaluationResult.enabled("no earlier task fails");
        }
        return ConditionEvaluationResult.disabled(NOT_STARTED + "Task " + failed + " is not done yet");
    }
}
