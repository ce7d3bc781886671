package workshop.handshake;

/** The status codes this server puts in close frames (RFC 6455 §7.4.1). */
public final class CloseCodes {

    /** The purpose of the connection is fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;

    /** The peer broke the protocol, for example with an unmasked client frame (§5.1). */
    public static final int PROTOCOL_ERROR = 1002;

    /** The peer sent data this server does not take: here, binary messages. */
    public static final int UNSUPPORTED_DATA = 1003;

    /** Reported when a close frame carries no code; never sent on the wire (§7.4.1). */
    public static final int NO_STATUS_RECEIVED = 1005;

    /** A text message that is not valid UTF-8 (§8.1). */
    public static final int INVALID_PAYLOAD = 1007;

    /** The peer broke a rule of this server that no other code names: here, a frame sent too slowly. */
    public static final int POLICY_VIOLATION = 1008;

    /** The peer sent a message larger than {@link Limits#maxPayloadBytes()}. */
    public static final int MESSAGE_TOO_BIG = 1009;

    private CloseCodes() {
    }

    /**
     * Whether a code may travel in a close frame. §7.4.1 and §7.4.2: 1000 to 2999 belong to the
     * protocol, and of those only the registered ones may be sent (1005, 1006 and 1015 are for
     * reporting, never for the wire; 1004 is reserved); 3000 to 4999 belong to libraries and apps.
     */
    public static boolean maySend(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }
}
