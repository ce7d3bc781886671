package workshop.progress;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a test class is, read from its display name: a task ({@code "Task N: ..."}), something the
 * given code or the library already does ({@code "Given: ..."}), a check of the finished step with a
 * crowd ({@code "Classroom check: ..."}), or none of these ({@code "Try it: ..."}).
 */
final class Tasks {

    /** The number of a class that is not a task: it sorts after every task. */
    static final int NONE = Integer.MAX_VALUE;

    private static final Pattern TASK_NUMBER = Pattern.compile("^Task (\\d+)\\b");

    private Tasks() {
    }

    static int number(String displayName) {
        Matcher number = TASK_NUMBER.matcher(displayName);
        return number.find() ? Integer.parseInt(number.group(1)) : NONE;
    }

    static boolean isTask(String displayName) {
        return number(displayName) != NONE;
    }

    static boolean isGiven(String displayName) {
        return displayName.startsWith("Given:");
    }

    /**
     * Churn, slow readers, silent peers, floods: seconds each, so in learner mode they run only once
     * every task is done, as the step's last check.
     */
    static boolean isClassroomCheck(String displayName) {
        return displayName.startsWith("Classroom check:");
    }

    /**
     * Learner mode: the starter, one task at a time. The solution profile and
     * {@code -Dworkshop.all=true} (CI's checks) run every test.
     */
    static boolean oneTaskAtATime() {
        return System.getProperty("workshop.mode", "starter").equals("starter") && !Boolean.getBoolean("workshop.all");
    }

    /** Where CI runs (it sets {@code CI}), nothing is taken from an earlier run. */
    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
