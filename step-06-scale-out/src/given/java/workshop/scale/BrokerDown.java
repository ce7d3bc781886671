package workshop.scale;

/**
 * The cluster cannot be reached. {@link Calls} hands it back to the room, which tells its pages that
 * the room is degraded ({@link Outage}) and keeps serving its own members until the cluster says it is
 * back ({@link Cluster.Listener#onBrokerUp}). Its cause is what the client library said (a timeout, a
 * reset): keep it, the log needs it.
 */
public final class BrokerDown extends RuntimeException {

    public BrokerDown(String message, Throwable cause) {
        super(message, cause);
    }
}
