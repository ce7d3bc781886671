package workshop.reliable;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Connection;
import workshop.core.Hub;
import workshop.core.Protocol;
import workshop.core.Protocol.Typing;
import workshop.core.ProtocolError;
import workshop.core.Room;
import workshop.reliable.History.Catchup;
import workshop.reliable.Messages.Ack;
import workshop.reliable.Messages.ClientMessage;
import workshop.reliable.Messages.Message;
import workshop.reliable.Messages.Welcome;

/**
 * The room: step 4's rules, for members who log in, drop off and come back. What it adds to step 4's
 * room is the {@link History} with ids (catch-up, Task 1) and the acks (Task 2); who someone is comes
 * from the login token the upgrade carried ({@link Tokens}, Task 3).
 *
 * <p>The chat core's {@link Hub} runs these methods on its own thread, one event at a time: no lock.
 * It has already refused floods and oversized messages, and finds dead peers itself.
 */
public final class ChatRoom implements Room {

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

    private final Hub hub;
    private final Clock clock;
    private final History history = new History();
    /**
     * A sender's name and a clientId -> the id its message got, for the last {@link Limits#REMEMBERED_SENDS}
     * messages: a resend of one of them is acknowledged again, and shown to no one.
     */
    private final Map<String, String> sent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > Limits.REMEMBERED_SENDS;
        }
    };

    /** @param clock the time for messages; tests pass one they can move */
    public ChatRoom(Hub hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    @Override
    public void received(Connection member, String json) {
        String type = Protocol.parse(json).type(); // step 4's check: one JSON object with a type
        ClientMessage message = Protocol.parse(json, ClientMessage.class);
        switch (type) {
            case "join" -> join(member, message.lastId());
            case "message" -> say(member, message.text(), message.clientId());
            case "typing" -> typing(member);
            // Step 4's pages of an earlier version sent these; the hub's pings find dead peers now.
            case "heartbeat" -> { }
            default -> throw new ProtocolError("unknown-type", "Unknown type \"" + type + "\": use join, message or typing.");
        }
    }

    /**
     * The name is the one the login token proved (the upgrade carried it; a name in the join counts for
     * nothing). A member with that name already in the room is an older connection of the same person:
     * one the network cut without the server noticing yet (a ghost), or another tab. The newer
     * connection takes the seat, so that coming back never waits for the server to notice the old one.
     */
    private void join(Connection member, String lastId) {
        if (member.name != null) {
            throw new ProtocolError("already-joined", "You are already in the room as " + member.name + ".");
        }
        Catchup catchup = history.since(lastId);
        String name = Tokens.Claim.read(member.token).name();
        Connection older = hub.named(name);
        if (older != null) {
            // 4001, as in step 4 (RFC 6455 §7.4.2: 4000-4999 are the application's). The page does not reconnect after it.
            hub.remove(older, 4001, "You joined again from another connection.");
        }
        member.name = name;
        log.info("{} joined, {} to catch up, {} missed", name, catchup.messages().size(), catchup.missed());
        hub.send(member, new Welcome(name, hub.online(), catchup.messages(), catchup.missed()));
        if (older == null) {
            hub.announceJoin(member);
        }
    }

    private void say(Connection member, String text, String clientId) {
        requireJoined(member);
        if (text == null || text.isBlank()) {
            throw new ProtocolError("message-empty", "A message needs some text.");
        }
        int length = text.codePointCount(0, text.length());
        if (length > Limits.MAX_TEXT_LENGTH) {
            throw new ProtocolError("message-too-long", "A message has at most " + Limits.MAX_TEXT_LENGTH
                    + " characters; this one has " + length + ". It was not sent.");
        }
        if (clientId != null && (clientId.isEmpty() || clientId.length() > Limits.MAX_CLIENT_ID_LENGTH)) {
            throw new ProtocolError("client-id-invalid", "A clientId has 1 to " + Limits.MAX_CLIENT_ID_LENGTH + " characters.");
        }
        // A name has no control characters (Nicknames), so a newline cannot join two pairs into one key.
        String key = member.name + "\n" + clientId;
        String earlier = clientId == null ? null : sent.get(key);
        if (earlier != null) {
            hub.send(member, new Ack(clientId, earlier));
            return;
        }
        Message message = history.append(member.name, text, clock.instant().toString());
        hub.publish(message);
        if (clientId != null) {
            sent.put(key, message.id());
            hub.send(member, new Ack(clientId, message.id()));
        }
    }

    private void typing(Connection member) {
        requireJoined(member);
        hub.broadcastExcept(member, new Typing(member.name));
    }

    /** A member is gone, however it went (closed, cut and found silent, dropped as too slow). */
    @Override
    public void left(Connection member, String why) {
        log.info("{} left: {}", member.name, why);
        hub.announceLeave(member);
    }

    private static void requireJoined(Connection member) {
        if (member.name == null) {
            throw new ProtocolError("not-joined", "Join first: send {\"type\":\"join\"}.");
        }
    }
}
