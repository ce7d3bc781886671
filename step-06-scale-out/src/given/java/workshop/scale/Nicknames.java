package workshop.scale;

/** The rules for a nickname. Whether a name is free is the room's business: see {@link ChatRoom}. */
public final class Nicknames {

    private Nicknames() {
    }

    /**
     * The name to use for a requested one: trimmed, 1 to {@link Limits#MAX_NAME_LENGTH} characters,
     * with no control characters and no invisible format characters (such as a right-to-left override,
     * which would let a name reorder the text around it).
     *
     * <p>Look-alikes pass: "аda" with a Cyrillic "а" (U+0430), full-width "ａｄａ", or a name made of
     * blank-looking letters such as U+3164. A real app would also normalise names (NFKC folds "ａｄａ"
     * into "ada") and check them for confusables (Unicode TS #39, such as ICU's {@code SpoofChecker}).
     *
     * @throws ProtocolError {@code name-invalid}, saying what is wrong
     */
    public static String validate(String requested) {
        String name = requested == null ? "" : requested.strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            throw new ProtocolError("name-invalid", "Choose a nickname.");
        }
        if (length > Limits.MAX_NAME_LENGTH) {
            throw new ProtocolError("name-invalid",
                    "A nickname has at most " + Limits.MAX_NAME_LENGTH + " characters; this one has " + length + ".");
        }
        if (name.codePoints().anyMatch(Nicknames::isHidden)) {
            throw new ProtocolError("name-invalid", "A nickname cannot contain control characters or invisible format characters.");
        }
        return name;
    }

    private static boolean isHidden(int codePoint) {
        return Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT;
    }
}
