package workshop.game;

import java.util.function.LongSupplier;

/**
 * A token bucket for one player's inputs: {@link Limits#INPUT_BURST} tokens, refilled at
 * {@link Limits#INPUTS_PER_SECOND}; each input costs one. Used on the game's thread only.
 */
final class InputLimiter {

    private final LongSupplier nanos;
    private double tokens = Limits.INPUT_BURST;
    private long refilled;

    InputLimiter(LongSupplier nanos) {
        this.nanos = nanos;
        this.refilled = nanos.getAsLong();
    }

    boolean tryAcquire() {
        long now = nanos.getAsLong();
        tokens = Math.min(Limits.INPUT_BURST, tokens + (now - refilled) * Limits.INPUTS_PER_SECOND / 1e9);
        refilled = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
