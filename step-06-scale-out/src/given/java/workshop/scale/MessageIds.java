package workshop.scale;

import java.util.regex.Pattern;

/**
 * Message ids are Redis Stream ids, {@code <epoch>-<sequence>}, such as {@code 1796000000000-42}: two
 * numbers, compared first by the one, then by the other. The sequence counts the messages of one
 * epoch, 1, 2, 3...; a new epoch, later than every id already handed out, starts when the history is
 * lost (Redis restarted empty), so an id never goes backwards. The page treats them as opaque strings.
 */
public final class MessageIds {

    private static final Pattern ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

    private MessageIds() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Negative, zero or positive, as {@code a} comes before, is, or comes after {@code b}. */
    public static int compare(String a, String b) {
        int byEpoch = Long.compareUnsigned(epoch(a), epoch(b));
        return byEpoch != 0 ? byEpoch : Long.compareUnsigned(sequence(a), sequence(b));
    }

    /** The epoch: the part before the dash. */
    public static long epoch(String id) {
        return part(id, 0);
    }

    /** The sequence number within its epoch: the part after the dash. */
    public static long sequence(String id) {
        return part(id, 1);
    }

    /**
     * How many messages after {@code lastId} came before {@code firstKept} and are no longer kept: the gap
     * between the two sequences. From an epoch whose history is lost, only the new epoch's can be counted.
     */
    public static long missed(String lastId, String firstKept) {
        long from = epoch(lastId) == epoch(firstKept) ? sequence(lastId) : 0;
        return Math.max(0, sequence(firstKept) - from - 1);
    }

    private static long part(String id, int index) {
        return Long.parseUnsignedLong(id.split("-")[index]);
    }
}
