package workshop.handshake;

/**
 * A request the server refuses to upgrade: the HTTP status to answer with and a short reason for
 * the client's developer.
 */
public final class HandshakeException extends Exception {

    private final int status;

    public HandshakeException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }
}
