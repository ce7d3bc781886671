package workshop.handshake;

/** The status codes this server puts in close frames (RFC 6455 §7.4.1). */
public final class CloseCodes {

    /** The purpose of the connection is fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;

    /** The peer broke the protocol, for example with an unmasked client frame (§5.1). */
    public static final int PROTOCOL_ERROR = 1002;

    /** The peer sent data this server does not take: here, binary or fragmented messages. */
    public static final int UNSUPPORTED_DATA = 1003;

    /** Reported when a close frame carries no code; never sent on the wire (§7.4.1). */
    public static final int NO_STATUS_RECEIVED = 1005;

    /** The peer sent a message larger than {@link Limits#maxPayloadBytes()}. */
    public static final int MESSAGE_TOO_BIG = 1009;

    private CloseCodes() {
    }
}
