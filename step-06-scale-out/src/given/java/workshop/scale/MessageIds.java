package workshop.scale;

import java.util.regex.Pattern;

/**
 * Message ids are Redis Stream ids, {@code <milliseconds>-<sequence>}, such as {@code 0-42}: two
 * numbers, compared first by the one, then by the other. The page treats them as opaque strings.
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
        int byTime = Long.compareUnsigned(part(a, 0), part(b, 0));
        return byTime != 0 ? byTime : Long.compareUnsigned(part(a, 1), part(b, 1));
    }

    /** The sequence number: the part after the dash. */
    public static long sequence(String id) {
        return part(id, 1);
    }

    private static long part(String id, int index) {
        return Long.parseUnsignedLong(id.split("-")[index]);
    }
}
