package workshop.reliable;

import static workshop.chattest.ChatClient.string;
import static workshop.chattest.ChatClient.type;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import workshop.chattest.ChatClient;

/**
 * What the page does, in Java, for the tests: a member that remembers the last id it saw, keeps what
 * it sent until it is acknowledged, and after a reconnect joins with its {@code lastId} and resends.
 * Every chat message it receives, the replayed ones too, is kept in {@link #received}, duplicates
 * included, so that a test can say "exactly once".
 */
final class Member implements AutoCloseable {

    final String name;
    private final ChatServer server;
    private final int port;
    private ChatClient client;
    private String lastId;
    private long missed;
    private int sentCount;
    final List<JsonObject> received = new ArrayList<>();
    final Map<String, String> pending = new LinkedHashMap<>();
    final List<JsonObject> acks = new ArrayList<>();

    private Member(String name, ChatServer server, int port) {
        this.name = name;
        this.server = server;
        this.port = port;
    }

    /** Logs in on the server and joins through {@code port}: the server's own, or a proxy's in front of it. */
    static Member join(ChatServer server, String name, int port) {
        Member member = new Member(name, server, port);
        member.connect(null);
        return member;
    }

    static Member join(ChatServer server, String name) {
        return join(server, name, server.port());
    }

    /** Sends a message with the next clientId, and keeps it until its ack. Returns the clientId. */
    String say(String text) {
        sentCount++;
        String clientId = name + "-" + sentCount;
        pending.put(clientId, text);
        client.send(ReliableMessages.message(text, clientId));
        return clientId;
    }

    /** Comes back after a cut: a new connection, a join with the last id seen, the pending messages again. */
    JsonObject reconnect() {
        client.close();
        JsonObject welcome = connect(lastId);
        pending.forEach((clientId, text) -> client.send(ReliableMessages.message(text, clientId)));
        return welcome;
    }

    /** Reads until the condition holds for the messages received so far. */
    void readUntil(String what, Predicate<Member> done) {
        while (!done.test(this)) {
            take(client.next(what + " (" + name + " has " + texts() + ")"));
        }
    }

    /** Reads until a message with this text came. */
    void readUntilText(String text) {
        readUntil("the message \"" + text + "\"", member -> member.texts().contains(text));
    }

    List<String> texts() {
        return received.stream().map(message -> string(message, "text")).toList();
    }

    List<String> ids() {
        return received.stream().map(message -> string(message, "id")).toList();
    }

    long missed() {
        return missed;
    }

    ChatClient client() {
        return client;
    }

    /** Like the page, logs in again before every connect: the token of a long absence would have expired. */
    private JsonObject connect(String since) {
        client = ChatServer.connect(port, name, server.token(name), true);
        client.send(ReliableMessages.join(since));
        JsonObject welcome;
        do {
            welcome = client.next("the welcome after " + name + "'s join" + (since == null ? "" : " with lastId " + since));
        } while (!"welcome".equals(type(welcome)) && !"error".equals(type(welcome)));
        if (!"welcome".equals(type(welcome))) {
            throw new AssertionError(name + " joined with lastId " + since + " and got " + ChatClient.brief(welcome));
        }
        missed = welcome.has("missed") ? welcome.get("missed").getAsLong() : 0;
        ReliableMessages.history(welcome).forEach(this::take);
        return welcome;
    }

    private void take(JsonObject message) {
        switch (String.valueOf(type(message))) {
            case "message" -> {
                received.add(message);
                lastId = string(message, "id");
            }
            case "ack" -> {
                acks.add(message);
                pending.remove(string(message, "clientId"));
            }
            default -> {
                // joined, left, typing: not what these tests count
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
