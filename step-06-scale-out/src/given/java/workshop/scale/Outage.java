package workshop.scale;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Hub;
import workshop.scale.Messages.Degraded;
import workshop.scale.Messages.Recovered;

/**
 * Whether this instance reaches the cluster. When a call fails or the subscription is lost, the room
 * is degraded: this instance's members reach only each other, and are told. When the subscription
 * stands again, this instance's names are claimed again (Redis may have restarted empty), a name that
 * another instance took meanwhile closes its member here, and the members are told the room is whole
 * again. Hub thread only.
 */
final class Outage {

    private static final Logger log = LoggerFactory.getLogger(Outage.class);

    private final Hub hub;
    private final Cluster cluster;
    private final Calls calls;
    private final ChatRoom room;
    private boolean on;

    Outage(Hub hub, Cluster cluster, Calls calls, ChatRoom room) {
        this.hub = hub;
        this.cluster = cluster;
        this.calls = calls;
        this.room = room;
    }

    /** Whether the room is degraded: then what it says goes straight to this instance's members. */
    boolean isOn() {
        return on;
    }

    void begin(BrokerDown down) {
        begin(down.getMessage());
    }

    void begin(String reason) {
        if (!on) {
            on = true;
            log.warn("The cluster is gone ({}): serving this instance's members only", reason);
            hub.broadcast(new Degraded("The room is degraded: you reach only the people on this server until it recovers."));
        }
    }

    /** The subscription stands again: claim this instance's names again, then say so. */
    void end() {
        if (!on) {
            return;
        }
        List<String> here = hub.online();
        calls.ask(() -> new Recovery(cluster.refresh(here), cluster.online()), recovery -> {
            if (on) {
                on = false;
                log.info("The cluster is back: the room is whole again");
                recovery.lost().forEach(room::lose);
                hub.broadcast(new Recovered(ChatRoom.union(hub.online(), recovery.online())));
            }
        }, this::begin);
    }

    /** What the cluster answers when it is back: the names another instance took meanwhile, and who is online. */
    private record Recovery(List<String> lost, List<String> online) {
    }
}
