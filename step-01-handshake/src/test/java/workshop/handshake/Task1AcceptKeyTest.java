package workshop.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 1: compute Sec-WebSocket-Accept")
@Hint("Handshake.acceptKey: key + GUID, SHA-1, Base64")
class Task1AcceptKeyTest {
    @Test
    @DisplayName("the RFC's example key gives the RFC's accept value")
    void rfcExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), "Handshake.acceptKey");
    }
}
