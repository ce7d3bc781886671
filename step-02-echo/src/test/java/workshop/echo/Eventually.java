package workshop.echo;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

/** Retries an assertion until it holds, then fails with the assertion's own message, not Awaitility's. */
final class Eventually {

    private Eventually() {
    }

    static void eventually(ThrowingRunnable assertion) {
        eventually(TestServers.WAIT, assertion);
    }

    static void eventually(Duration timeout, ThrowingRunnable assertion) {
        eventually(timeout, () -> false, "", assertion);
    }

    /**
     * Retries until the assertion holds or until {@code settled} is true: the server has finished with
     * what the test sent, so what has not come by then will not come. A red test fails at that moment,
     * saying {@code settledMeans}, rather than after the whole timeout, which stays as the last resort.
     */
    static void eventually(BooleanSupplier settled, String settledMeans, ThrowingRunnable assertion) {
        eventually(TestServers.WAIT, settled, settledMeans, assertion);
    }

    static void eventually(Duration timeout, BooleanSupplier settled, String settledMeans, ThrowingRunnable assertion) {
        try {
            await().atMost(timeout).until(() -> holds(assertion) || settled.getAsBoolean());
        } catch (ConditionTimeoutException timedOut) {
            try {
                assertion.run();
            } catch (AssertionError last) {
                throw new AssertionError(last.getMessage() + " (still so after " + timeout.toSeconds() + " s)", last);
            } catch (Throwable other) {
                throw new AssertionError(other.toString(), other);
            }
            return;
        }
        try {
            assertion.run();
        } catch (AssertionError last) {
            throw new AssertionError(last.getMessage() + " (" + settledMeans + ")", last);
        } catch (Throwable other) {
            throw new AssertionError(other.toString(), other);
        }
    }

    private static boolean holds(ThrowingRunnable assertion) {
        try {
            assertion.run();
            return true;
        } catch (Throwable notYet) {
            return false;
        }
    }
}
