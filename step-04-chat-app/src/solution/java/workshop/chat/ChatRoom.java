package workshop.chat;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Connection;
import workshop.core.Hub;
import workshop.core.Limits;
import workshop.core.Nicknames;
import workshop.core.Protocol;
import workshop.core.Protocol.ClientMessage;
import workshop.core.Protocol.Message;
import workshop.core.Protocol.Typing;
import workshop.core.Protocol.Welcome;
import workshop.core.ProtocolError;
import workshop.core.Room;

/**
 * The room's rules: who may join under which name, what is said and kept, who is typing, who left,
 * and a seat taken over by a new connection (see the README's table of messages).
 *
 * <p>The {@link Hub} runs these methods on its own thread, one event at a time: no lock, and "is this
 * name free? then it is mine" cannot be split by a second join. A {@link Connection} is one client;
 * its {@code name} stays null until its join is accepted, and only connections with a name are
 * members. The hub has already refused floods and oversized messages, and finds dead peers itself.
 */
public final class ChatRoom implements Room {

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Hub hub;
    private final Clock clock;
    private final Deque<Message> history = new ArrayDeque<>();

    /** @param clock the time for messages; tests pass one they can move */
    public ChatRoom(Hub hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    @Override
    public void received(Connection member, String json) {
        ClientMessage message = Protocol.parse(json);
        switch (message.type()) {
            case "join" -> join(member, message.name(), message.token());
            case "message" -> say(member, message.text());
            case "typing" -> typing(member);
            // Pages of an earlier version sent these; the hub's pings find dead peers now.
            case "heartbeat" -> { }
            default -> throw new ProtocolError("unknown-type", "Unknown type \"" + message.type() + "\": use join, message or typing.");
        }
    }

    private void join(Connection member, String requested, String token) {
        if (member.name != null) {
            throw new ProtocolError("already-joined", "You are already in the room as " + member.name + ".");
        }
        String name = Nicknames.validate(requested);
        Connection seated = hub.named(name);
        // A page back after a network drop shows the token of its seat; its old connection may not be closed yet.
        if (seated != null && seated.token.equals(token)) {
            takeOver(seated, member);
            return;
        }
        // Anyone else asking for a name in use, in any case, would be mistaken for its owner.
        if (seated != null) {
            throw new ProtocolError("name-taken", "Someone here is already called " + seated.name + ". Try another name.");
        }
        // The name is free: the newcomer hears who is here and what was said, the others hear of the newcomer.
        member.name = name;
        member.token = newToken();
        log.info("{} joined", name);
        hub.send(member, new Welcome(name, hub.online(), List.copyOf(history), member.token));
        hub.announceJoin(member);
    }

    private void say(Connection member, String text) {
        checkText(member, text);
        Message message = new Message(member.name, text, clock.instant().toString());
        history.addLast(message);
        if (history.size() > Limits.HISTORY_SIZE) {
            history.removeFirst();
        }
        hub.publish(message);
    }

    private static void checkText(Connection member, String text) {
        requireJoined(member);
        if (text == null || text.isBlank()) {
            throw new ProtocolError("message-empty", "A message needs some text.");
        }
        int length = text.codePointCount(0, text.length());
        if (length > Limits.MAX_TEXT_LENGTH) {
            throw new ProtocolError("message-too-long", "A message has at most " + Limits.MAX_TEXT_LENGTH
                    + " characters; this one has " + length + ". It was not sent.");
        }
    }

    private void typing(Connection member) {
        requireJoined(member);
        hub.broadcastExcept(member, new Typing(member.name));
    }

    /** A member is gone, however it went: everyone still here hears it. */
    @Override
    public void left(Connection member, String why) {
        log.info("{} left: {}", member.name, why);
        hub.announceLeave(member);
    }

    /**
     * The new connection takes the seat as it is; the room sees no one leave or join. The old
     * connection is closed with 4001 (a code for applications, RFC 6455 §7.4.2), so a page that is
     * still open there knows not to reconnect.
     */
    private void takeOver(Connection seated, Connection member) {
        hub.remove(seated, 4001, "You joined again from another connection.");
        member.name = seated.name;
        member.token = seated.token;
        log.info("{} is back on a new connection", member.name);
        hub.send(member, new Welcome(member.name, hub.online(), List.copyOf(history), member.token));
    }

    private static void requireJoined(Connection member) {
        if (member.name == null) {
            throw new ProtocolError("not-joined", "Join first: send {\"type\":\"join\",\"name\":\"...\"}.");
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
