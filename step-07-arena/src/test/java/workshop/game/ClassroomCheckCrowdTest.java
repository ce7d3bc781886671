package workshop.game;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ServerLog;

@DisplayName("Classroom check: 50 bots play at once: every bot gets every tick, in order; a vanished one leaves; nothing in the log")
class ClassroomCheckCrowdTest {

    private static final int BOTS = 50;
    private static final Duration SILENCE = Duration.ofSeconds(2);

    @Test
    @DisplayName("50 bots send inputs for 2 s: each receives every tick's snapshot of its match, in order, with no gap")
    void crowd() throws Exception {
        List<Bot> bots = new CopyOnWriteArrayList<>();
        List<String> padFailures = new CopyOnWriteArrayList<>();
        ScheduledExecutorService pads = Executors.newSingleThreadScheduledExecutor();
        try (ServerLog log = ServerLog.capture(); GameServer server = new GameServer(SILENCE)) {
            Random random = new Random(1);
            // Every bot presses keys every tick from its join on, as a page does; the ghost never sends an
            // input, and never closes.
            pads.scheduleAtFixedRate(() -> bots.forEach(bot -> {
                try {
                    bot.input(random.nextInt(Input.ALL_KEYS + 1));
                } catch (RuntimeException failed) {
                    // A task that throws would stop the pad for every bot: keep it, and fail below.
                    padFailures.add(bot.id() + ": " + failed);
                }
            }), 0, Limits.TICK.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < BOTS; i++) {
                bots.add(server.join("bot" + i));
            }
            Bot ghost = server.join("ghost");

            Bot neighbour = bots.stream().filter(bot -> bot.match() == ghost.match()).findFirst().orElseThrow();
            int arrived = neighbour.expectSnapshot("the ghost in a snapshot of its match", s -> has(s, ghost.id())).tick();
            neighbour.expectSnapshot("a snapshot of match " + ghost.match() + " without the ghost, silent since it joined", SILENCE.plusSeconds(5),
                    s -> s.tick() > arrived && !has(s, ghost.id()));
            await().atMost(Duration.ofSeconds(5)).until(() -> bots.stream().allMatch(bot -> bot.snapshotList().stream().filter(s -> s.match() == bot.match()).count() >= 40));
            pads.shutdown();
            pads.awaitTermination(1, TimeUnit.SECONDS);

            for (Bot bot : bots) {
                assertTrue(!bot.isClosed(), () -> "bot " + bot.id() + " was closed: " + bot.expectClose("(closed already)"));
                // Before its join, a bot watched match 1, as every new connection does.
                List<Snapshot> seen = bot.snapshotList().stream().filter(s -> s.match() == bot.match()).toList();
                assertEquals(List.of(), List.copyOf(bot.problems), "messages bot " + bot.id() + " could not read as snapshots");
                assertTrue(seen.size() >= 40, "bot " + bot.id() + " of match " + bot.match() + " got " + seen.size() + " snapshots");
                for (int i = 1; i < seen.size(); i++) {
                    assertEquals(seen.get(i - 1).tick() + 1, seen.get(i).tick(),
                            "the tick after " + seen.get(i - 1).tick() + " at bot " + bot.id() + " of match " + bot.match() + ": every tick, in order");
                    assertTrue(seen.get(i).players().size() <= Limits.MATCH_PLAYERS, "players in a snapshot of match " + bot.match());
                }
            }
            log.assertNoTrouble("50 bots playing and a ghost leaving");
        } finally {
            pads.shutdownNow();
            bots.forEach(Bot::close);
        }
    }

    private static boolean has(Snapshot snapshot, int id) {
        return snapshot.players().stream().anyMatch(p -> p.id() == id);
    }
}
