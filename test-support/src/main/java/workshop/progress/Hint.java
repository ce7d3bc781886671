package workshop.progress;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one-line hint the progress report shows when this task is the next one to do.
 * Put it on a task's test class, next to {@code @DisplayName("Task N: ...")}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Hint {
    String value();
}
