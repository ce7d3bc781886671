package workshop.echo;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
        try {
            await().atMost(timeout).untilAsserted(assertion);
        } catch (ConditionTimeoutException timedOut) {
            if (timedOut.getCause() instanceof AssertionError last) {
                throw new AssertionError(last.getMessage() + " (still so after " + timeout.toSeconds() + " s)", timedOut);
            }
            throw timedOut;
        }
    }
}
