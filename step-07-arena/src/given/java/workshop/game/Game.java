package workshop.game;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every match and every connection, owned by one thread: the game loop. Jetty's threads only post
 * what happened (a connection, a message, a close) to the mailbox and wake the loop, which takes it
 * in; on each tick it steps every match and sends each its snapshot. Nothing else touches the
 * state, so there is no lock, and a close that Jetty runs inside a send only posts to the mailbox.
 *
 * <p>A connection starts as a spectator of match 1 ({@code /game?match=N} for another) and receives
 * its snapshots: the projector view. One that sends a join becomes a player in the first match with
 * a free place, or in a new match.
 */
public final class Game implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Game.class);
    private static final Gson GSON = new Gson();
    private static final int TICK_HISTORY = 1 << 14;

    private final LongSupplier nanos;
    private final Duration silenceTimeout;
    private final Queue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
    private final TickLoop loop;
    private final Thread thread;
    private volatile boolean running = true;

    // Owned by the game thread.
    private final Map<WsContext, Seat> seats = new LinkedHashMap<>();
    private final TreeMap<Integer, Match> matches = new TreeMap<>();

    // When each recent tick started, for the benchmark's jitter figures; written by the game thread.
    private final long[] tickStarts = new long[TICK_HISTORY];
    private long tickCount;
    private boolean failing;

    /** One connection: a spectator, or a player of a match. */
    private static final class Seat {
        final WsContext ctx;
        final Outbox out;
        int match;
        Player player;
        InputLimiter limiter;
        int lastSeq;
        long lastHeard;

        Seat(WsContext ctx, int match) {
            this.ctx = ctx;
            this.out = new Outbox(ctx);
            this.match = match;
        }
    }

    /** One match: its state, and the inputs received since its last tick. */
    private static final class Match {
        final GameState state;
        final Map<Integer, List<Input>> inputs = new HashMap<>();

        Match(int number) {
            this.state = new GameState(number, 0x9E3779B9 ^ number);
        }
    }

    /** Starts the game loop. {@code nanos} is the clock ({@code System::nanoTime}). */
    public Game(LongSupplier nanos, Duration silenceTimeout) {
        this.nanos = nanos;
        this.silenceTimeout = silenceTimeout;
        this.loop = new TickLoop(Limits.TICK, nanos.getAsLong(), this::tick);
        this.thread = new Thread(this::run, "game-loop");
        thread.start();
    }

    // Called on Jetty's threads: post and return.

    public void connected(WsContext ctx) {
        String match = ctx.queryParam("match");
        post(() -> onConnect(ctx, match));
    }

    public void received(WsContext ctx, String text) {
        post(() -> onText(ctx, text));
    }

    public void received(WsContext ctx, ByteBuffer data) {
        // Jetty reuses the buffer once the callback returns: keep a copy for the next tick.
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
        post(() -> onBinary(ctx, copy));
    }

    public void closed(WsContext ctx, int status) {
        post(() -> onClose(ctx, status));
    }

    /** Wakes the game thread: a join or a close is taken in at once, not at the next tick. */
    private void post(Runnable event) {
        mailbox.add(event);
        LockSupport.unpark(thread);
    }

    /** The start times of the recent ticks, oldest first, in the clock's nanoseconds. */
    public synchronized long[] tickStarts() {
        int count = (int) Math.min(tickCount, TICK_HISTORY);
        long[] starts = new long[count];
        for (int i = 0; i < count; i++) {
            starts[i] = tickStarts[(int) ((tickCount - count + i) % TICK_HISTORY)];
        }
        return starts;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(Limits.STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            takeInMailbox();
            long next = loop.runDue(nanos.getAsLong());
            long wait = next - nanos.getAsLong();
            // A post between the check and the park leaves a permit: the park returns at once.
            if (wait > 0 && mailbox.isEmpty()) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    private void tick(long number) {
        long now = nanos.getAsLong();
        synchronized (this) {
            tickStarts[(int) (tickCount++ % TICK_HISTORY)] = now;
        }
        takeInMailbox();
        for (Seat seat : List.copyOf(seats.values())) {
            if (seat.player != null && now - seat.lastHeard > silenceTimeout.toNanos()) {
                drop(seat, BadInput.POLICY, "No input for " + silenceTimeout.toSeconds() + " s: you left the match.");
            }
        }
        for (Match match : List.copyOf(matches.values())) {
            ByteBuffer snapshot;
            try {
                Arena.step(match.state, match.inputs, (int) Limits.TICK.toMillis());
                snapshot = SnapshotEncoder.encode(match.state);
            } catch (RuntimeException bug) {
                // A bug (or a TODO) in the rules: the match stands still, everything else goes on. Logged
                // once, not 20 times a second.
                if (!failing) {
                    failing = true;
                    log.error("A tick failed; the match stands still (later failures are not logged)", bug);
                }
                continue;
            } finally {
                match.inputs.clear();
            }
            for (Seat seat : List.copyOf(seats.values())) {
                if (seat.match == match.state.match && !seat.out.sendBinary(snapshot)) {
                    drop(seat, BadInput.POLICY, "Too slow: more than " + Limits.MAX_QUEUED_BYTES / 1024 + " KiB waiting for you.");
                }
            }
        }
    }

    private void takeInMailbox() {
        for (Runnable event; (event = mailbox.poll()) != null; ) {
            event.run();
        }
    }

    private void onConnect(WsContext ctx, String match) {
        Seat seat = new Seat(ctx, parseMatch(match));
        seats.put(ctx, seat);
        send(seat, Map.of("type", "hello", "match", seat.match, "rules", rules()));
        Match watched = matches.get(seat.match);
        if (watched != null) {
            send(seat, roster(watched));
        }
    }

    private void onText(WsContext ctx, String text) {
        Seat seat = seats.get(ctx);
        if (seat == null) {
            return;
        }
        try {
            JsonObject message = parse(text);
            JsonElement type = message.get("type");
            if (type == null || !type.isJsonPrimitive() || !"join".equals(type.getAsString())) {
                throw new BadInput(BadInput.UNSUPPORTED, "Unknown message type " + type + ": the game takes a join in text, inputs in binary.");
            }
            if (seat.player != null) {
                throw new BadInput(BadInput.POLICY, "Already playing, as " + seat.player.name + ".");
            }
            join(seat, name(message.get("name")));
        } catch (BadInput bad) {
            drop(seat, bad.code, bad.getMessage());
        }
    }

    private void onBinary(WsContext ctx, ByteBuffer data) {
        Seat seat = seats.get(ctx);
        if (seat == null) {
            return;
        }
        try {
            if (seat.player == null) {
                throw new BadInput(BadInput.POLICY, "Join first: send {\"type\":\"join\",\"name\":\"...\"} as text.");
            }
            if (!seat.limiter.tryAcquire()) {
                throw new BadInput(BadInput.POLICY, "Input flood: more than " + Limits.INPUTS_PER_SECOND + " inputs a second.");
            }
            Input input = Inputs.read(data, seat.lastSeq);
            seat.lastSeq = input.seq();
            seat.lastHeard = nanos.getAsLong();
            matches.get(seat.match).inputs.computeIfAbsent(seat.player.id, id -> new ArrayList<>()).add(input);
        } catch (BadInput bad) {
            drop(seat, bad.code, bad.getMessage());
        } catch (RuntimeException bug) {
            log.error("Reading an input failed", bug);
            drop(seat, 1011, "Server error: " + bug.getMessage());
        }
    }

    private void onClose(WsContext ctx, int status) {
        Seat seat = seats.remove(ctx);
        if (seat != null) {
            leave(seat);
            log.info("Connection closed ({}), {} left", status, seats.size());
        }
    }

    private void join(Seat seat, String name) {
        Match match = matches.values().stream()
                .filter(m -> m.state.players.size() < Limits.MATCH_PLAYERS)
                .findFirst()
                .orElseGet(this::newMatch);
        seat.player = match.state.join(name);
        seat.match = match.state.match;
        seat.limiter = new InputLimiter(nanos);
        seat.lastSeq = 0;
        seat.lastHeard = nanos.getAsLong();
        log.info("{} joined match {} as player {}", name, seat.match, seat.player.id);
        send(seat, Map.of("type", "welcome", "you", seat.player.id, "match", seat.match));
        broadcast(match, roster(match));
    }

    private Match newMatch() {
        int number = 1;
        while (matches.containsKey(number)) {
            number++;
        }
        Match match = new Match(number);
        matches.put(number, match);
        log.info("Match {} begins", number);
        return match;
    }

    /** Takes the seat out of the game first, then closes it: the close may come back through {@link #closed}. */
    private void drop(Seat seat, int code, String reason) {
        seats.remove(seat.ctx);
        leave(seat);
        log.info("Closed a connection with {}: {}", code, reason);
        seat.ctx.closeSession(code, reason);
    }

    private void leave(Seat seat) {
        if (seat.player == null) {
            return;
        }
        Match match = matches.get(seat.match);
        match.state.players.remove(seat.player.id);
        match.inputs.remove(seat.player.id);
        log.info("{} left match {}", seat.player.name, seat.match);
        if (match.state.players.isEmpty()) {
            matches.remove(seat.match);
            log.info("Match {} is over", seat.match);
        } else {
            broadcast(match, roster(match));
        }
    }

    private void broadcast(Match match, Map<String, Object> message) {
        for (Seat seat : List.copyOf(seats.values())) {
            if (seat.match == match.state.match) {
                send(seat, message);
            }
        }
    }

    /** JSON for what is rare and has names in it; the snapshots, 20 a second, are binary. */
    private void send(Seat seat, Map<String, Object> message) {
        if (!seat.out.sendText(GSON.toJson(message))) {
            drop(seat, BadInput.POLICY, "Too slow: more than " + Limits.MAX_QUEUED_BYTES / 1024 + " KiB waiting for you.");
        }
    }

    private static Map<String, Object> roster(Match match) {
        List<Map<String, Object>> players = new ArrayList<>();
        for (Player player : match.state.players.values()) {
            players.add(Map.of("id", player.id, "name", player.name));
        }
        return Map.of("type", "roster", "match", match.state.match, "players", players);
    }

    /** The rules the page needs to predict its own moves exactly as {@link Physics} makes them. */
    private static Map<String, Object> rules() {
        return Map.of("tickMillis", Limits.TICK.toMillis(), "width", Limits.ARENA_WIDTH, "height", Limits.ARENA_HEIGHT,
                "radius", Limits.PLAYER_RADIUS, "coinRadius", Limits.COIN_RADIUS, "speed", Limits.SPEED,
                "maxName", Limits.MAX_NAME_LENGTH);
    }

    private static int parseMatch(String match) {
        try {
            int number = match == null ? 1 : Integer.parseInt(match);
            return number >= 1 && number <= 255 ? number : 1;
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    private static JsonObject parse(String text) throws BadInput {
        try {
            return JsonParser.parseString(text).getAsJsonObject();
        } catch (RuntimeException notAnObject) {
            throw new BadInput(BadInput.POLICY, "Not a JSON object: a text message is {\"type\":\"join\",\"name\":\"...\"}.");
        }
    }

    private static String name(JsonElement value) throws BadInput {
        String name = value != null && value.isJsonPrimitive() ? value.getAsString().strip() : "";
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > Limits.MAX_NAME_LENGTH || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new BadInput(BadInput.POLICY, "A name is 1 to " + Limits.MAX_NAME_LENGTH + " characters, with no control characters.");
        }
        return name;
    }
}
