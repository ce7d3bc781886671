package workshop.reliable;

import java.time.Duration;
import workshop.net.FaultProxy;

/**
 * What a cut costs, measured through the fault proxy: a member is cut off while another says N
 * messages; then it comes back. Prints, for each N, how many messages the welcome replayed, how many
 * it could only count as missed, the bytes the catch-up took on the wire, and the time from the
 * start of the reconnect (login, upgrade, join) to the welcome. A benchmark, not a test: run it with
 *
 * <pre>./mvnw -q -Psolution test-compile exec:java -pl step-05-reliable-chat -Dexec.classpathScope=test -Dworkshop.main.class=workshop.reliable.CutCost</pre>
 */
public final class CutCost {

    private static final int[] SAID_WHILE_AWAY = {1, 10, 50, 200};
    private static final int ROUNDS = 5;

    private CutCost() {
    }

    public static void main(String[] args) throws Exception {
        // A few rounds first, so that the figures measure the chat and not the JIT compiler warming up.
        for (int round = 0; round < ROUNDS; round++) {
            measure(10);
        }
        System.out.printf("%-16s %-9s %-8s %-16s %-22s %s%n", "said while cut", "replayed", "missed", "catch-up bytes",
                "reconnect to welcome", "resend of 3 to acks");
        for (int said : SAID_WHILE_AWAY) {
            Figures total = new Figures(0, 0, 0, 0, 0);
            for (int round = 0; round < ROUNDS; round++) {
                total = total.plus(measure(said));
            }
            System.out.printf("%-16d %-9d %-8d %-16s %-22s %s%n", said, total.replayed() / ROUNDS, total.missed() / ROUNDS,
                    total.bytes() / ROUNDS + " B", String.format("%.1f ms", total.welcomeNanos() / ROUNDS / 1e6),
                    String.format("%.1f ms", total.ackNanos() / ROUNDS / 1e6));
        }
        // Javalin's ping scheduler is not a daemon thread and outlives app.stop(): end the run here.
        System.exit(0);
    }

    private record Figures(long replayed, long missed, long bytes, long welcomeNanos, long ackNanos) {
        Figures plus(Figures other) {
            return new Figures(replayed + other.replayed, missed + other.missed, bytes + other.bytes,
                    welcomeNanos + other.welcomeNanos, ackNanos + other.ackNanos);
        }
    }

    /** One cut: 3 messages unsent, {@code said} messages by someone else, then the reconnect. */
    private static Figures measure(int said) throws Exception {
        try (ChatServer server = new ChatServer(); FaultProxy proxy = FaultProxy.to(server.port());
                Member ada = Member.join(server, "ada", proxy.port()); Member bob = Member.join(server, "bob")) {
            bob.say("seen");
            ada.readUntilText("seen");
            proxy.stall();
            for (int i = 0; i < 3; i++) {
                ada.say("unsent " + i);
            }
            proxy.cut();
            proxy.resume();
            for (int i = 1; i <= said; i++) {
                server.clock.advance(Duration.ofSeconds(1));
                bob.say("away " + i);
                bob.readUntilText("away " + i);
            }
            int before = ada.received.size();
            long bytesBefore = proxy.bytesToClients();
            long start = System.nanoTime();
            ada.reconnect();
            long welcome = System.nanoTime() - start;
            long bytes = proxy.bytesToClients() - bytesBefore;
            int replayed = ada.received.size() - before;
            ada.readUntil("the acks of the resent messages", member -> member.pending.isEmpty());
            return new Figures(replayed, ada.missed(), bytes, welcome, System.nanoTime() - start);
        }
    }
}
