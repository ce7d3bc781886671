package workshop.game;

import com.google.gson.Gson;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import workshop.core.OriginCheck;

/**
 * Not a test: prints figures for the README. Two parts.
 *
 * <ol>
 *   <li>What a player receives a second at 16 players, in-process (no network): full snapshots in
 *       binary (the step's) and in JSON (the same fields), and deltas (only the players whose fields
 *       changed since the last tick) in both.</li>
 *   <li>The tick's steadiness with 200 spectators and 16 players connected over loopback: the
 *       intervals between tick starts (p50, p99, max) and, at the spectators, the gaps between
 *       snapshots and any tick that never came.</li>
 * </ol>
 *
 * Run: {@code ./mvnw -Psolution -pl step-07-arena test-compile exec:java "-Dworkshop.main.class=workshop.game.GameBenchmark" "-Dexec.classpathScope=test"}
 * ({@code "-Dexec.args=200 10"}: spectators, seconds).
 */
public final class GameBenchmark {

    private static final Gson GSON = new Gson();
    private static final int PLAYERS = Limits.MATCH_PLAYERS;

    public static void main(String[] args) throws Exception {
        int spectators = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        bytesPerPlayer();
        steadiness(spectators, seconds);
        System.exit(0);
    }

    // Part 1: sizes.

    private static void bytesPerPlayer() {
        GameState state = new GameState(1, 2026);
        for (int i = 0; i < PLAYERS; i++) {
            state.join("player" + i);
        }
        Random random = new Random(3);
        int[] held = new int[PLAYERS + 1];
        int[] seq = new int[PLAYERS + 1];
        int ticks = 20 * 60;
        long fullBinary = 0;
        long fullJson = 0;
        long deltaBinary = 0;
        long deltaJson = 0;
        long movesOnly = 0;
        Map<Integer, String> before = fields(state);
        Map<Integer, String> placesBefore = places(state);
        String coinsBefore = state.coins.toString();
        for (int tick = 0; tick < ticks; tick++) {
            Map<Integer, List<Input>> inputs = new HashMap<>();
            for (int id = 1; id <= PLAYERS; id++) {
                // Like people: hold a direction (or nothing, a third of the time) for a while, then change.
                if (random.nextInt(10) == 0) {
                    held[id] = random.nextInt(3) == 0 ? 0 : 1 << random.nextInt(4) | (random.nextBoolean() ? 0 : 1 << random.nextInt(4));
                }
                inputs.put(id, List.of(new Input(++seq[id], held[id] & Input.ALL_KEYS)));
            }
            Arena.step(state, inputs, (int) Limits.TICK.toMillis());
            Map<Integer, String> now = fields(state);
            List<Player> changed = state.players.values().stream().filter(p -> !now.get(p.id).equals(before.get(p.id))).toList();
            before.clear();
            before.putAll(now);
            Map<Integer, String> placesNow = places(state);
            long moved = state.players.values().stream().filter(p -> !placesNow.get(p.id).equals(placesBefore.get(p.id))).count();
            placesBefore.clear();
            placesBefore.putAll(placesNow);
            boolean coinsMoved = !state.coins.toString().equals(coinsBefore);
            coinsBefore = state.coins.toString();
            // Each player's own last input in a message of its own (4 bytes); the shared part only names
            // the players who moved or scored (id, x, y, score: 7 bytes), and the coins when one moved.
            movesOnly += frame(Snapshot.HEADER_BYTES + (int) moved * 7 + (coinsMoved ? state.coins.size() * Snapshot.COIN_BYTES : 0) + 4);
            fullBinary += frame(SnapshotEncoder.encode(state).remaining());
            fullJson += frame(json(state, state.players.values()));
            deltaBinary += frame(Snapshot.HEADER_BYTES + changed.size() * Snapshot.PLAYER_BYTES + state.coins.size() * Snapshot.COIN_BYTES);
            deltaJson += frame(json(state, changed));
        }
        // Each player receives every snapshot of its match: 20 a second.
        long perSecond = 1000 / Limits.TICK.toMillis();
        System.out.printf("Bytes a second per player, %d players, %d ticks (payload + WebSocket frame header):%n", PLAYERS, ticks);
        System.out.printf("  binary, full snapshot: %,7d B/s (%d B a snapshot)%n", fullBinary * perSecond / ticks, fullBinary / ticks);
        System.out.printf("  binary, delta:         %,7d B/s%n", deltaBinary * perSecond / ticks);
        System.out.printf("  JSON, full snapshot:   %,7d B/s (%d B a snapshot)%n", fullJson * perSecond / ticks, fullJson / ticks);
        System.out.printf("  JSON, delta:           %,7d B/s%n", deltaJson * perSecond / ticks);
        System.out.printf("  binary, delta of moves, own last input apart: %,7d B/s%n", movesOnly * perSecond / ticks);
        System.out.printf("  (every player sends an input every tick, so its last input changes every tick: a plain delta leaves out only the players who sent nothing)%n");
    }

    private static Map<Integer, String> fields(GameState state) {
        Map<Integer, String> fields = new LinkedHashMap<>();
        state.players.values().forEach(p -> fields.put(p.id, p.x + "," + p.y + "," + p.score + "," + p.lastInput));
        return fields;
    }

    private static Map<Integer, String> places(GameState state) {
        Map<Integer, String> places = new LinkedHashMap<>();
        state.players.values().forEach(p -> places.put(p.id, p.x + "," + p.y + "," + p.score));
        return places;
    }

    private static int json(GameState state, Iterable<Player> players) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Player p : players) {
            list.add(Map.of("id", p.id, "x", p.x, "y", p.y, "score", p.score, "lastInput", p.lastInput));
        }
        List<Map<String, Object>> coins = state.coins.stream().map(c -> Map.<String, Object>of("x", c.x, "y", c.y)).toList();
        Map<String, Object> snapshot = Map.of("type", "snapshot", "match", state.match, "tick", state.tick, "players", list, "coins", coins);
        return GSON.toJson(snapshot).getBytes(StandardCharsets.UTF_8).length;
    }

    /** RFC 6455 §5.2: a server frame's header is 2 bytes up to 125 bytes of payload, 4 up to 65,535. */
    private static int frame(int payload) {
        return payload + (payload <= 125 ? 2 : 4);
    }

    // Part 2: steadiness over the network.

    private static void steadiness(int spectators, int seconds) throws Exception {
        Game game = new Game(System::nanoTime, Limits.SILENCE_TIMEOUT);
        Javalin app = GameApp.create(game, new OriginCheck(Set.of())).start(0);
        URI uri = URI.create("ws://127.0.0.1:" + app.port() + GameApp.PATH);
        HttpClient http = HttpClient.newHttpClient();
        List<Watcher> watchers = new ArrayList<>();
        List<WebSocket> players = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            WebSocket socket = http.newWebSocketBuilder().buildAsync(uri, new Watcher(0)).join();
            socket.sendText("{\"type\":\"join\",\"name\":\"bot" + i + "\"}", true).join();
            players.add(socket);
        }
        ScheduledExecutorService pads = Executors.newSingleThreadScheduledExecutor();
        Random random = new Random(5);
        int[] seq = {0};
        pads.scheduleAtFixedRate(() -> {
            seq[0]++;
            for (WebSocket player : players) {
                byte[] input = ByteBuffer.allocate(Inputs.BYTES).put(Inputs.OPCODE).putInt(seq[0]).put((byte) (1 << random.nextInt(4))).array();
                player.sendBinary(ByteBuffer.wrap(input), true);
            }
        }, 0, Limits.TICK.toMillis(), TimeUnit.MILLISECONDS);
        long warmUp = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < spectators; i++) {
            Watcher watcher = new Watcher(warmUp);
            http.newWebSocketBuilder().buildAsync(uri, watcher).join();
            watchers.add(watcher);
        }
        long connected = System.nanoTime();
        Thread.sleep(Math.max(0, (warmUp - connected) / 1_000_000) + seconds * 1000L);
        long[] starts = game.tickStarts();
        pads.shutdownNow();
        app.stop();

        List<Long> intervals = new ArrayList<>();
        for (int i = 1; i < starts.length; i++) {
            if (starts[i] >= warmUp) {
                intervals.add(starts[i] - starts[i - 1]);
            }
        }
        List<Long> gaps = new ArrayList<>();
        long missing = 0;
        long received = 0;
        for (Watcher watcher : watchers) {
            synchronized (watcher) {
                received += watcher.ticks.size();
                for (int i = 1; i < watcher.ticks.size(); i++) {
                    gaps.add(watcher.times.get(i) - watcher.times.get(i - 1));
                    missing += watcher.ticks.get(i) - watcher.ticks.get(i - 1) - 1;
                }
            }
        }
        System.out.printf("%nWith %d players and %d spectators on loopback, %d s after a 2 s warm-up (%d cores, load average %.1f):%n",
                PLAYERS, spectators, seconds, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("  tick intervals (server):    %s over %d ticks (%.1f s)%n", percentiles(intervals), intervals.size(),
                intervals.stream().mapToLong(Long::longValue).sum() / 1e9);
        System.out.printf("  snapshot gaps (spectators): %s over %,d snapshots; ticks never received: %d%n", percentiles(gaps), received, missing);
    }

    private static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "none";
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** Keeps the tick and arrival time of every snapshot after the warm-up. */
    private static final class Watcher implements WebSocket.Listener {
        private final long from;
        final List<Integer> ticks = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        private final ByteBuffer partial = ByteBuffer.allocate(Limits.SNAPSHOT_BUDGET_BYTES * 2);

        Watcher(long from) {
            this.from = from;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            partial.put(data);
            if (last) {
                long now = System.nanoTime();
                partial.flip();
                if (from > 0 && now >= from) {
                    synchronized (this) {
                        ticks.add(partial.getInt(2));
                        times.add(now);
                    }
                }
                partial.clear();
            }
            socket.request(1);
            return null;
        }
    }

    private GameBenchmark() {
    }
}
