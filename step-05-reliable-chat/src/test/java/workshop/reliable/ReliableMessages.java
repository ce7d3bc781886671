package workshop.reliable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * What step 5 adds to step 4's messages, as the tests send and read them with the chat steps'
 * {@code ChatClient}: a join that carries the last id seen, a message that carries its clientId, a
 * welcome that carries the history.
 */
final class ReliableMessages {

    private ReliableMessages() {
    }

    /** A join as a newcomer (lastId null) or as a member coming back; the name comes from the login cookie. */
    static String join(String lastId) {
        JsonObject join = new JsonObject();
        join.addProperty("type", "join");
        if (lastId != null) {
            join.addProperty("lastId", lastId);
        }
        return join.toString();
    }

    /** A chat message with the clientId its ack will carry; without one (null), as a step-4 client sends it. */
    static String message(String text, String clientId) {
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("text", text);
        if (clientId != null) {
            message.addProperty("clientId", clientId);
        }
        return message.toString();
    }

    /** The messages a welcome replays, oldest first. */
    static List<JsonObject> history(JsonObject welcome) {
        return welcome.getAsJsonArray("history").asList().stream().map(JsonElement::getAsJsonObject).toList();
    }
}
