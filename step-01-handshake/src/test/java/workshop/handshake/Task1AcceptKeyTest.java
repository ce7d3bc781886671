package workshop.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 1: compute Sec-WebSocket-Accept")
@Hint("Handshake.acceptKey: key + GUID, SHA-1, Base64 (RFC 6455 §4.2.2)")
class Task1AcceptKeyTest {

    @Test
    @DisplayName("the RFC's example key gives the RFC's accept value")
    void rfcExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="),
                "Handshake.acceptKey(\"dGhlIHNhbXBsZSBub25jZQ==\"): see RFC 6455 §1.3 and §4.2.2");
    }

    @Test
    @DisplayName("another key gives its own accept value (the key is used as text, not decoded)")
    void anotherKey() {
        assertEquals("HSmrc0sMlYUkAGmm5OPpG2HaGWk=", Handshake.acceptKey("x3JJHMbDL1EzLkh9GBhXDw=="),
                "Handshake.acceptKey(\"x3JJHMbDL1EzLkh9GBhXDw==\"): SHA-1 of the key's text + Handshake.GUID, in Base64");
    }
}
