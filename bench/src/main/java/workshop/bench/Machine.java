package workshop.bench;

/** One line about where the figures come from: they mean little without it. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String node = NodeSetup.nodeVersion();
        return String.format("%s %s, %d cores, Java %s, %s", System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                node == null ? "no Node" : "Node " + node);
    }
}
