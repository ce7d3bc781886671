package workshop.core;

import java.text.Normalizer;

/** The rules for a nickname. Whether a name is free is the room's business: see {@link Hub#named}. */
public final class Nicknames {

    private Nicknames() {
    }

    /**
     * The name to use for a requested one: NFKC-normalised (so full-width "ａｄａ" is "ada"), trimmed,
     * 1 to {@link Limits#MAX_NAME_LENGTH} characters, and every character visible. Refused: control and
     * format characters (a right-to-left override would reorder the text around the name), line and
     * paragraph separators, spaces other than U+0020, lone surrogates, unassigned and private-use code
     * points, fillers that show as nothing (U+2800, U+3164...), and a name that starts with a combining
     * mark, which has nothing to combine with.
     *
     * <p>Look-alikes from other scripts still pass: "аda" with a Cyrillic "а" (U+0430). Catching those
     * takes the confusables data of Unicode TS #39, such as ICU's {@code SpoofChecker}.
     *
     * @throws ProtocolError {@code name-invalid}, saying what is wrong
     */
    public static String validate(String requested) {
        String name = requested == null ? "" : Normalizer.normalize(requested, Normalizer.Form.NFKC).strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            throw new ProtocolError("name-invalid", "Choose a nickname.");
        }
        if (length > Limits.MAX_NAME_LENGTH) {
            throw new ProtocolError("name-invalid",
                    "A nickname has at most " + Limits.MAX_NAME_LENGTH + " characters; this one has " + length + ".");
        }
        int hidden = name.codePoints().filter(Nicknames::isHidden).findFirst().orElse(-1);
        if (hidden >= 0) {
            throw new ProtocolError("name-invalid", String.format(
                    "A nickname cannot contain invisible, control or separator characters, such as U+%04X.", hidden));
        }
        if (isMark(name.codePointAt(0))) {
            throw new ProtocolError("name-invalid", "A nickname starts with a letter, digit or symbol, not a combining mark.");
        }
        return name;
    }

    private static boolean isHidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            case Character.SPACE_SEPARATOR -> codePoint != ' ';
            default -> isBlankLooking(codePoint);
        };
    }

    /** Letters and symbols that draw nothing: Hangul fillers, the blank Braille pattern, variation selectors. */
    private static boolean isBlankLooking(int codePoint) {
        return codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
                || codePoint == 0x2800 || codePoint == 0x034F || codePoint == 0x17B4 || codePoint == 0x17B5
                || (codePoint >= 0x180B && codePoint <= 0x180F) || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)
                || (codePoint >= 0xE0100 && codePoint <= 0xE01EF);
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }
}
