package workshop.bench;

/** One line per stage of the run, with the time since the start, so that a long run shows it is alive. */
final class Progress {

    private final long start = System.nanoTime();
    private final String expected;
    private String part = "";

    Progress(String expected) {
        this.expected = expected;
    }

    void part(String name) {
        part = name;
    }

    void step(String what) {
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.printf("[%3d s of about %s] %s: %s%n", seconds, expected, part, what);
        System.out.flush();
    }

    long seconds() {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }
}
