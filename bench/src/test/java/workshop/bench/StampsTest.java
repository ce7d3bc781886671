package workshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stamps: the moment an event was made, found in whatever wraps it")
class StampsTest {

    private static List<Long> found(String text) {
        List<Long> stamps = new ArrayList<>();
        Stamps.scan(text, stamps::add);
        List<Long> fromBytes = new ArrayList<>();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Stamps.scan(bytes, 0, bytes.length, fromBytes::add);
        assertEquals(stamps, fromBytes, "text and bytes must find the same stamps in " + text);
        return stamps;
    }

    @Test
    @DisplayName("a new event's text carries a stamp of now")
    void now() {
        long before = System.nanoTime();
        List<Long> stamps = found(Stamps.now());
        assertEquals(1, stamps.size());
        assertTrue(stamps.get(0) >= before && stamps.get(0) <= System.nanoTime());
    }

    @Test
    @DisplayName("finds every stamp in a poll's JSON, a step 3 line and an SSE data line")
    void wrapped() {
        assertEquals(List.of(12L, 345L), found("{\"last\":2,\"events\":[{\"id\":1,\"text\":\"bench#12# hi\"},{\"id\":2,\"text\":\"bench#345# yo\"}]}"));
        assertEquals(List.of(987654321L), found("guest-3: bench#987654321# hello everyone"));
        assertEquals(List.of(5L), found("data: {\"id\":9,\"text\":\"bench#5#\"}"));
    }

    @Test
    @DisplayName("ignores a mark without digits or without its closing #, and text with no mark")
    void notStamps() {
        assertEquals(List.of(), found("bench## bench#12 bench#x# hello"));
        assertEquals(List.of(), found("* guest-1 joined (1 online)"));
    }

    @Test
    @DisplayName("in bytes, looks only inside the given range")
    void range() {
        byte[] bytes = "xxbench#7#yybench#8#".getBytes(StandardCharsets.US_ASCII);
        List<Long> stamps = new ArrayList<>();
        Stamps.scan(bytes, 2, 8, stamps::add);
        assertEquals(List.of(7L), stamps);
        stamps.clear();
        Stamps.scan(bytes, 2, 7, stamps::add);
        assertEquals(List.of(), stamps, "a stamp cut by the range's end is not a stamp");
    }
}
