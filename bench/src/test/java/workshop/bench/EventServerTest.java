package workshop.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EventServer: one stream of events, by POST in and by polls out")
class EventServerTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Javalin app;

    @BeforeEach
    void start() {
        app = new EventServer().create().start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private int post(String text) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/events")).POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    @Test
    @DisplayName("a poll without after gives only the last id; with after, the events since, in order")
    void poll() throws Exception {
        assertEquals("{\"last\":0,\"events\":[]}", get("/poll"));
        assertEquals(204, post("one"));
        assertEquals(204, post("two \"quoted\""));
        assertEquals("{\"last\":2,\"events\":[]}", get("/poll"));
        assertEquals("{\"last\":2,\"events\":[{\"id\":1,\"text\":\"one\"},{\"id\":2,\"text\":\"two \\\"quoted\\\"\"}]}",
                get("/poll?after=0"));
        assertEquals("{\"last\":2,\"events\":[{\"id\":2,\"text\":\"two \\\"quoted\\\"\"}]}", get("/poll?after=1"));
    }

    @Test
    @DisplayName("a long poll with nothing new waits, and is answered by the next event")
    void longPoll() throws Exception {
        assertEquals(204, post("before"));
        CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(
                HttpRequest.newBuilder(uri("/long-poll?after=1")).build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> pending = waiting;
        // Nothing can prove "never answered": 300 ms unanswered is what this test asks of a long poll.
        await("a long poll with no news stays unanswered").atMost(Duration.ofSeconds(5)).during(Duration.ofMillis(300))
                .until(() -> !pending.isDone());
        assertEquals(204, post("news"));
        String body = waiting.get(10, TimeUnit.SECONDS).body();
        assertTrue(body.contains("\"text\":\"news\"") && !body.contains("before"), "the answer has the new event only: " + body);
    }

    @Test
    @DisplayName("text becomes a JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7)")
    void quote() {
        assertEquals("\"a\\\"b\\\\c\\u000a\"", EventServer.quote("a\"b\\c\n"));
    }
}
