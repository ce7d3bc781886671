package workshop.bench;

import java.io.File;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Part 1: the same events to N pages by each transport. One {@link EventServer} in its own JVM; for
 * each transport and N, the pages subscribe through one counting relay and the sending page sends
 * through another, so that the bytes of receiving and of sending are counted apart, at the socket.
 */
final class TransportBench {

    /** The sizes and pace of one run of the matrix. */
    record Plan(List<Integer> clients, int eventsPerSecond, Duration sending) {
        int events() {
            return (int) (eventsPerSecond * sending.toMillis() / 1000);
        }
    }

    /** What one transport cost for N pages, over the time events were sent and delivered. */
    record Result(Transport transport, int clients, int events, int delivered, double p50Millis, double p99Millis,
            CountingRelay.Counts receiving, CountingRelay.Counts sending, CountingRelay.Counts subscribing,
            double requestsPerSecond, double cpuMicrosPerDelivery) {

        int expected() {
            return events * clients;
        }

        double downPerDelivery() {
            return (double) receiving.down() / delivered;
        }

        double upPerDelivery() {
            return (double) receiving.up() / delivered;
        }

        double sentUpPerEvent() {
            return (double) sending.up() / events;
        }

        double sentDownPerEvent() {
            return (double) sending.down() / events;
        }

        double subscribeBytesPerClient() {
            return (double) (subscribing.up() + subscribing.down()) / clients;
        }
    }

    /** The wait for the last deliveries after the last send: a short poll may come a whole interval late. */
    private static final Duration DRAIN = Transport.POLL_INTERVAL.plusSeconds(4);
    private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(30);
    private static final int WARM_UP_EVENTS = 3;

    private final Plan plan;
    private final Progress progress;

    TransportBench(Plan plan, Progress progress) {
        this.plan = plan;
        this.progress = progress;
    }

    List<Result> run() throws InterruptedException {
        List<Result> results = new ArrayList<>();
        try (Child server = Child.java("events", EventServer.class.getName(), Map.of(), new File("target/bench/events.log"))) {
            // A first, unreported round warms up the JIT on both sides, as a server that has run a while is.
            for (Transport transport : Transport.values()) {
                progress.step("warm-up, " + transport.label);
                runOne(server, transport, Math.min(10, plan.clients().get(plan.clients().size() - 1)), WARM_UP_EVENTS);
            }
            for (Transport transport : Transport.values()) {
                for (int clients : plan.clients()) {
                    progress.step(String.format("%s, %,d %s", transport.label, clients, clients == 1 ? "page" : "pages"));
                    results.add(runOne(server, transport, clients, plan.events()));
                }
            }
        }
        return results;
    }

    private Result runOne(Child server, Transport transport, int clients, int events) throws InterruptedException {
        Latencies latencies = new Latencies(events * clients);
        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks).build();
        List<Transport.Subscriber> subscribers = new ArrayList<>();
        try (CountingRelay receiving = new CountingRelay(server.port); CountingRelay sending = new CountingRelay(server.port)) {
            for (int i = 0; i < clients; i++) {
                // Short-polling pages opened at different moments, as a room's are, not in lockstep.
                Duration first = Transport.POLL_INTERVAL.multipliedBy(i).dividedBy(clients);
                subscribers.add(transport.subscribe(http, receiving.port(), timer, first,
                        stamp -> latencies.record(System.nanoTime() - stamp)));
            }
            CompletableFuture.allOf(subscribers.stream().map(Transport.Subscriber::subscribed).toArray(CompletableFuture[]::new))
                    .get(SUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Transport.Publisher publisher = transport.publisher(http, sending.port());
            CountingRelay.Counts subscribing = receiving.counts();
            CountingRelay.Counts sendingBefore = sending.counts();
            long[] before = server.cpuAndHandled();
            long start = System.nanoTime();

            long periodNanos = 1_000_000_000L / plan.eventsPerSecond();
            for (int i = 0; i < events; i++) {
                long due = start + i * periodNanos;
                TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
                publisher.send(Stamps.now());
            }
            long drainUntil = System.nanoTime() + DRAIN.toNanos();
            while (latencies.count() < events * clients && System.nanoTime() < drainUntil) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] after = server.cpuAndHandled();
            CountingRelay.Counts received = receiving.counts().minus(subscribing);
            CountingRelay.Counts sent = sending.counts().minus(sendingBefore);
            int delivered = Math.min(latencies.count(), events * clients);
            return new Result(transport, clients, events, delivered,
                    latencies.percentileMillis(0.50), latencies.percentileMillis(0.99), received, sent, subscribing,
                    (after[1] - before[1]) / seconds, (after[0] - before[0]) / 1e3 / Math.max(1, delivered));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(transport.label + ": " + clients + " pages did not all subscribe within "
                    + SUBSCRIBE_WAIT.toSeconds() + " s; see target/bench/events.log", e);
        } finally {
            subscribers.forEach(Transport.Subscriber::stop);
            timer.shutdownNow();
            callbacks.shutdownNow();
        }
    }
}
