package workshop.core;

/**
 * A client broke a rule of the protocol. The room answers it with an error message carrying this
 * code and text, to that client only, and carries on: one bad message must not cost the connection.
 */
public final class ProtocolError extends RuntimeException {

    private final String code;

    public ProtocolError(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A short, stable name a program can switch on, such as {@code "name-taken"}. */
    public String code() {
        return code;
    }
}
