package workshop.progress;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs a step's test classes in the order a learner works: what is already true first, then
 * Task 1, Task 2, ..., then the rest ("Try it"), and the classroom checks last, once everything
 * else is known. {@link FailFast} relies on it. Set for every step
 * in test-support's {@code junit-platform.properties}.
 */
public final class TaskOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparingInt((ClassDescriptor type) -> rank(type.getDisplayName()))
                .thenComparing(type -> type.getTestClass().getName()));
    }

    private static int rank(String displayName) {
        if (Tasks.isGiven(displayName)) {
            return -1;
        }
        if (Tasks.isClassroomCheck(displayName)) {
            return Tasks.NONE;
        }
        int task = Tasks.number(displayName);
        return task == Tasks.NONE ? Tasks.NONE - 1 : task;
    }
}
