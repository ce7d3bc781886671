package workshop.reliable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.chattest.ChatClient.string;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;
import workshop.progress.Hint;

@DisplayName("Task 4: a reconnect storm does no harm: 503 when full, refused clients and pages spread out")
@Hint("Admission.hasRoom and retryAfterSeconds (a random number in range); chat.js nextReconnectDelay: full jitter, Math.random() * ceiling")
class Task4StormTest {

    private static final int MAX = 5;

    private final ChatServer server = new ChatServer(MAX);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("with the server full, an upgrade gets 503 and a Retry-After before a socket exists; a place freed lets the next one in")
    void fullThenFree() throws IOException {
        List<ChatClient> inside = new ArrayList<>();
        try {
            for (int i = 0; i < MAX; i++) {
                inside.add(server.join("member" + i));
            }
            HttpResponse<?> refused = server.refusal(server.token("one too many"));
            assertNotNull(refused, "the upgrade past " + MAX + " open connections was let in (Admission.hasRoom)");
            assertEquals(503, refused.statusCode(), "the answer to an upgrade when the server is full");
            int seconds = Integer.parseInt(refused.headers().firstValue("Retry-After").orElse("-1"));
            assertTrue(seconds >= Limits.RETRY_AFTER_MIN_SECONDS && seconds <= Limits.RETRY_AFTER_MAX_SECONDS,
                    "the 503's Retry-After, in seconds: " + seconds);
            String plain = server.rawUpgrade(ChatServer.KEY, server.token("one more"));
            assertTrue(plain.startsWith("HTTP/1.1 503") && plain.contains("text/plain") && plain.contains("full")
                    && !plain.contains("Set-Cookie"), "the 503 says why in plain text, and sets no cookie: " + plain);

            inside.remove(0).leave();
            await("a place freed").atMost(ChatClient.TIMEOUT).until(() -> server.hub.open() < MAX);
            try (ChatClient next = server.join("next")) {
                inside.get(0).say("still chatting");
                assertEquals("still chatting", string(next.expectSkipping("message", "a message inside, after the storm"), "text"));
            }
        } finally {
            inside.forEach(ChatClient::close);
        }
    }

    @Test
    @DisplayName("refused clients are told to wait different times, across the whole Retry-After range")
    void retryAfterSpreads() {
        Admission admission = new Admission(0, () -> 0);
        Set<Integer> seen = new TreeSet<>();
        for (int i = 0; i < 1_000; i++) {
            int seconds = admission.retryAfterSeconds();
            assertTrue(seconds >= Limits.RETRY_AFTER_MIN_SECONDS && seconds <= Limits.RETRY_AFTER_MAX_SECONDS,
                    "Admission.retryAfterSeconds() must stay within RETRY_AFTER_MIN_SECONDS..MAX: " + seconds);
            seen.add(seconds);
        }
        int range = Limits.RETRY_AFTER_MAX_SECONDS - Limits.RETRY_AFTER_MIN_SECONDS + 1;
        assertEquals(range, seen.size(), "1000 refusals should use every whole second of the range (Admission.retryAfterSeconds): " + seen);
    }

    @Test
    @DisplayName("a storm of 60 at once on a server for 5: each gets 101 or 503, those inside keep chatting, the log stays clean")
    void storm() throws Exception {
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            tokens.add(server.token("storm" + i));
        }
        ExecutorService crowd = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (String token : tokens) {
                attempts.add(crowd.submit(() -> {
                    HttpResponse<?> refused = server.refusal(token);
                    answers.computeIfAbsent(refused == null ? 101 : refused.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                }));
            }
            for (Future<?> attempt : attempts) {
                attempt.get();
            }
        } finally {
            crowd.shutdownNow();
        }
        assertEquals(Set.of(101, 503), answers.keySet(), "the answers to the storm, with how many of each: " + answers);
        await("the storm's sockets closed").atMost(ChatClient.TIMEOUT).until(() -> server.hub.open() == 0);
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.say("after the storm");
            assertEquals("after the storm", string(bob.expectSkipping("message", "a message after the storm"), "text"));
        }
        assertEquals(List.of(), server.log.troubles(), "the server's log reports trouble");
    }

    @Test
    @DisplayName("the page waits a random time between 0 and a ceiling that doubles, up to RECONNECT_MAX_DELAY_MS (full jitter)")
    void fullJitter() {
        try (Page page = Page.open()) {
            page.load(server.page());
            for (int attempt : new int[] {0, 3, 30}) {
                @SuppressWarnings("unchecked")
                List<Number> delays = (List<Number>) page.script(
                        "return Array.from({length: 2000}, () => nextReconnectDelay(" + attempt + "))");
                double ceiling = ((Number) page.script(
                        "return Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_FIRST_DELAY_MS * 2 ** " + attempt + ")")).doubleValue();
                double min = delays.stream().mapToDouble(Number::doubleValue).min().orElseThrow();
                double max = delays.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
                String seen = "nextReconnectDelay(" + attempt + ") in chat.js, 2000 draws from " + Math.round(min) + " to " + Math.round(max)
                        + " ms; the ceiling is " + Math.round(ceiling) + " ms";
                assertTrue(min >= 0 && max <= ceiling, seen + ": every delay between 0 and the ceiling");
                assertTrue(min < ceiling * 0.05 && max > ceiling * 0.95, seen + ": full jitter uses the whole range, from 0 up");
            }
        }
    }
}
