package workshop.scale;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Connection;
import workshop.core.Hub;
import workshop.core.Nicknames;
import workshop.core.Protocol;
import workshop.core.Protocol.ErrorReply;
import workshop.core.Protocol.Joined;
import workshop.core.Protocol.Left;
import workshop.core.Protocol.Typing;
import workshop.core.ProtocolError;
import workshop.core.Room;
import workshop.scale.Cluster.History;
import workshop.scale.Messages.ClientMessage;
import workshop.scale.Messages.Event;
import workshop.scale.Messages.Message;
import workshop.scale.Messages.Welcome;

/**
 * One instance's share of the room: step 4's rules on the chat core's {@link Hub}, for a room that
 * many instances serve through a {@link Cluster}. Every event reaches the members the same way: the
 * room publishes it, and forwards what the cluster hands back, its own events included, to this
 * instance's members. So each member sees each event once, in the cluster's order.
 *
 * <p>The hub runs these methods on its own thread, one event at a time. The room never calls the
 * cluster there: {@link Calls} runs each call on a thread of its own and posts the answer back. While
 * the cluster is gone the room is degraded ({@link Outage}): this instance's members reach each other.
 */
public final class ChatRoom implements Room, Cluster.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

    private final Hub hub;
    private final Cluster cluster;
    private final Clock clock;
    private final Calls calls;
    private final Names names;
    private final Outage outage;
    /** Connections whose join waits for the cluster's answer: the name each asked for, the events that came meanwhile. */
    private final Map<Connection, Joining> joining = new HashMap<>();
    /** Per member, the last id of the history in its welcome: a live message up to it was in there already. */
    private final Map<Connection, String> caughtUpTo = new HashMap<>();
    /** The newest message id this instance has seen: the next id must come after it, even if the history was lost. */
    private String newest;

    /** @param clock the time for messages; tests pass one they can move */
    public ChatRoom(Hub hub, Cluster cluster, Clock clock) {
        this.hub = hub;
        this.cluster = cluster;
        this.clock = clock;
        this.calls = new Calls(hub);
        this.names = new Names(cluster, hub, this);
        this.outage = new Outage(hub, cluster, calls, this);
        cluster.start(this);
    }

    @Override
    public void received(Connection member, String json) {
        String type = Protocol.parse(json).type(); // step 4's check: one JSON object with a type
        ClientMessage message = Protocol.parse(json, ClientMessage.class);
        switch (type) {
            case "join" -> join(member, message.name(), message.lastId());
            case "message" -> say(member, message.text());
            case "typing" -> publish(new Typing(joined(member)));
            default -> throw new ProtocolError("unknown-type", "Unknown type \"" + type + "\": use join, message or typing.");
        }
    }

    // From the cluster's threads: each becomes an event on the hub.

    @Override
    public void onEvent(String json) {
        hub.post(() -> forward(json));
    }

    @Override
    public void onBrokerDown(String reason) {
        hub.post(() -> outage.begin(reason));
    }

    @Override
    public void onBrokerUp() {
        hub.post(outage::end);
    }

    private record Joining(String name, List<String> early) {
    }

    /** What a join needs from the cluster: whether the name was free, the history to catch up, who is online. */
    private record Claim(boolean free, History history, List<String> online) {
    }

    private void join(Connection member, String requested, String lastId) {
        if (member.name != null || joining.containsKey(member)) {
            throw new ProtocolError("already-joined", member.name == null ? "You are joining already." : "You are already in the room as " + member.name + ".");
        }
        String name = Nicknames.validate(requested);
        if (lastId != null && !MessageIds.isValid(lastId)) {
            throw new ProtocolError("last-id-invalid", "lastId is the id of the last message you saw, such as \"1796313600000-42\".");
        }
        if (hub.named(name) != null || joining.values().stream().anyMatch(other -> name.equalsIgnoreCase(other.name()))) {
            throw nameTaken(name);
        }
        if (outage.isOn()) {
            welcome(member, name, lastId, History.EMPTY, List.of());
            return;
        }
        joining.put(member, new Joining(name, new ArrayList<>()));
        calls.ask(() -> claim(name, lastId), claim -> {
            List<String> early = joining.remove(member).early();
            if (!hub.has(member)) {
                calls.tell(() -> cluster.release(name), outage::begin); // gone while the cluster answered
            } else if (!claim.free()) {
                hub.send(member, new ErrorReply(nameTaken(name)));
            } else {
                welcome(member, name, lastId, claim.history(), claim.online());
                // What came while the cluster answered, after the welcome: a message its history had already is skipped.
                early.forEach(json -> hub.forward(json, to -> to == member && wants(member, read(json))));
            }
        }, down -> {
            joining.remove(member);
            outage.begin(down);
            hub.send(member, new ErrorReply(new ProtocolError("degraded", "The room is degraded: try again in a moment.")));
        });
    }

    /** On the calls' thread. If the history cannot be read, the name just claimed is given back. */
    private Claim claim(String name, String lastId) {
        if (!cluster.claim(name)) {
            return new Claim(false, History.EMPTY, List.of());
        }
        try {
            return new Claim(true, cluster.since(lastId), cluster.online());
        } catch (BrokerDown down) {
            try {
                cluster.release(name);
            } catch (BrokerDown stillDown) {
                down.addSuppressed(stillDown); // then the claim lapses by itself within PRESENCE_TTL
            }
            throw down;
        }
    }

    /** The member gets its name only now that nothing can fail: a join that fails half-way leaves no name behind. */
    private void welcome(Connection member, String name, String lastId, History history, List<String> elsewhere) {
        member.name = name;
        names.add(name);
        List<Message> messages = history.messages();
        caughtUpTo.put(member, messages.isEmpty() ? lastId : messages.get(messages.size() - 1).id());
        messages.forEach(message -> see(message.id()));
        log.info("{} joined, {} messages to catch up", name, messages.size());
        List<String> online = union(hub.online(), elsewhere);
        hub.send(member, new Welcome(name, online, messages, history.missed(), outage.isOn()));
        publish(new Joined(List.of(name), online.size()));
    }

    private void say(Connection member, String text) {
        String from = joined(member);
        if (text == null || text.isBlank()) {
            throw new ProtocolError("message-empty", "A message needs some text.");
        }
        int length = text.codePointCount(0, text.length());
        if (length > Limits.MAX_TEXT_LENGTH) {
            throw new ProtocolError("message-too-long", "A message has at most " + Limits.MAX_TEXT_LENGTH
                    + " characters; this one has " + length + ". It was not sent.");
        }
        String at = clock.instant().toString();
        // Not in the history while degraded: this instance's members hear it, without an id.
        String local = Protocol.toJson(new Message(null, from, text, at));
        if (outage.isOn()) {
            forward(local);
            return;
        }
        String after = newest;
        calls.tell(() -> cluster.publish(Protocol.toJson(new Message(cluster.append(from, text, at, after), from, text, at))), down -> {
            outage.begin(down);
            forward(local);
        });
    }

    /** A member is gone, however it went (closed, dropped as too slow, silent past the liveness deadline). */
    @Override
    public void left(Connection member, String why) {
        log.info("{} left: {}", member.name, why);
        String name = member.name;
        names.remove(name);
        caughtUpTo.remove(member);
        if (outage.isOn()) {
            forward(Protocol.toJson(new Left(List.of(name), hub.count())));
            return;
        }
        List<String> here = hub.online();
        calls.tell(() -> {
            cluster.release(name);
            cluster.publish(Protocol.toJson(new Left(List.of(name), union(here, cluster.online()).size())));
        }, down -> {
            outage.begin(down);
            forward(Protocol.toJson(new Left(List.of(name), hub.count())));
        });
    }

    /** Another instance stopped refreshing this name (it crashed): this instance, the only one told, says it left. */
    void expire(String gone, List<String> online) {
        log.info("{} left: its instance stopped refreshing it", gone);
        publish(new Left(List.of(gone), union(hub.online(), online).size()));
    }

    /**
     * Another instance holds this name now: this one's claim lapsed, everyone was told the name left, and
     * someone took it. Its member here goes, told why, with step 4's close code of a seat taken over.
     */
    void lose(String name) {
        Connection member = hub.named(name);
        if (member != null) {
            log.info("{} lost its name to another instance", member.name);
            names.remove(member.name);
            caughtUpTo.remove(member);
            hub.remove(member, 4001, "Someone else has your name now: this server lost touch with the room for a while.");
        }
    }

    /** Through the cluster to every instance; while it is gone, straight to this instance's members. */
    private void publish(Object event) {
        String json = Protocol.toJson(event);
        if (outage.isOn()) {
            forward(json);
            return;
        }
        calls.tell(() -> cluster.publish(json), down -> {
            outage.begin(down);
            forward(json);
        });
    }

    /** An event for this instance's members; a member whose join waits for the cluster gets it after its welcome. */
    private void forward(String json) {
        Event event = read(json);
        see(event.id());
        joining.values().forEach(waiting -> waiting.early().add(json));
        hub.forward(json, member -> wants(member, event));
    }

    /** Not to its subject (who joined, left, is typing), nor a message the member's welcome had already. */
    private boolean wants(Connection member, Event event) {
        boolean subject = event.type().equals("typing") ? member.name.equalsIgnoreCase(event.name())
                : event.names() != null && event.names().stream().anyMatch(member.name::equalsIgnoreCase);
        String caughtUp = caughtUpTo.get(member);
        return !subject && (event.id() == null || caughtUp == null || MessageIds.compare(event.id(), caughtUp) > 0);
    }

    private void see(String id) {
        if (id != null && (newest == null || MessageIds.compare(id, newest) > 0)) {
            newest = id;
        }
    }

    /** Stops the calls after the last ones asked (the last members' departures), then lets go of the cluster. */
    @Override
    public void close() {
        names.close();
        calls.close();
        cluster.close();
    }

    /** Stops at once, releasing nothing, as when the instance crashes: its names expire in the cluster. */
    public void crash() {
        names.close();
        calls.crash();
        cluster.close();
    }

    private static Event read(String json) {
        return Protocol.parse(json, Event.class);
    }

    private static String joined(Connection member) {
        if (member.name == null) {
            throw new ProtocolError("not-joined", "Join first: send {\"type\":\"join\",\"name\":\"...\"}.");
        }
        return member.name;
    }

    private static ProtocolError nameTaken(String name) {
        return new ProtocolError("name-taken", "Someone here is already called " + name + ". Try another name.");
    }

    /** Everyone in the room: this instance's own members and the cluster's list, sorted ignoring case. */
    static List<String> union(List<String> here, List<String> elsewhere) {
        TreeSet<String> online = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        online.addAll(here);
        online.addAll(elsewhere);
        return List.copyOf(online);
    }
}
