package workshop.reliable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 3: who is connecting: only a valid login token opens the chat socket, anything else gets 401")
@Hint("Tokens.verify: three parts, sign(first two) equal to the third with MessageDigest.isEqual, and clock before the expiry")
class Task3TokenTest {

    private static final String WHERE = " (Tokens.verify; ReliableChatApp answers 401 when it is empty)";

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a token that is not three dot-separated parts, or not Base64, gets 401")
    void malformed() {
        for (String token : new String[] {"", "garbage", "a.b", "a.b.c.d", "YWRh.99999999999.not*base64"}) {
            assertEquals(401, server.handshakeStatus(token, null), "an upgrade with the token \"" + token + "\"" + WHERE);
        }
    }

    @Test
    @DisplayName("a token whose name was changed gets 401: its signature no longer fits")
    void forgedName() {
        String[] parts = server.token("ada").split("\\.");
        String mallory = Base64.getUrlEncoder().withoutPadding().encodeToString("mallory".getBytes(StandardCharsets.UTF_8));
        String forged = mallory + "." + parts[1] + "." + parts[2];
        assertEquals(401, server.handshakeStatus(forged, null), "ada's token with the name mallory put in" + WHERE);
    }

    @Test
    @DisplayName("a token whose expiry was pushed back gets 401")
    void forgedExpiry() {
        String[] parts = server.token("ada").split("\\.");
        String forged = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
        assertEquals(401, server.handshakeStatus(forged, null), "ada's token with a later expiry put in" + WHERE);
    }

    @Test
    @DisplayName("a token signed with another server's key gets 401")
    void otherKey() {
        Tokens other = new Tokens("another key, another server, 32b".getBytes(StandardCharsets.UTF_8), server.clock);
        assertEquals(401, server.handshakeStatus(other.issue("ada"), null), "a token from another key" + WHERE);
    }

    @Test
    @DisplayName("a token past its expiry gets 401; a fresh one still gets in")
    void expired() {
        String old = server.token("ada");
        server.clock.advance(Limits.TOKEN_LIFETIME);
        assertEquals(401, server.handshakeStatus(old, null), "a token " + Limits.TOKEN_LIFETIME.toMinutes()
                + " minutes old, Limits.TOKEN_LIFETIME" + WHERE);
        assertEquals(101, server.handshakeStatus(server.token("ada"), null), "a fresh token" + WHERE);
    }
}
