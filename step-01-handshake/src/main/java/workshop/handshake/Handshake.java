package workshop.handshake;

public final class Handshake {
    public static String acceptKey(String key) {
        // TODO 1: append the GUID, SHA-1 the bytes, Base64 the digest (RFC 6455 §4.2.2)
        throw new UnsupportedOperationException("TODO 1: Handshake.acceptKey");
    }
}
