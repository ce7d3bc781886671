package workshop.scale;

/**
 * The broker cannot be reached. The room catches it (through {@link Calls}), tells its pages that the room is degraded, and
 * keeps serving its own members until the broker says it is back ({@link Cluster.Listener#onBrokerUp}).
 * Its cause is what the client library said (a timeout, a reset): keep it, the log needs it.
 */
public final class BrokerDown extends RuntimeException {

    public BrokerDown(String message, Throwable cause) {
        super(message, cause);
    }
}
