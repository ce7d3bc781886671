package workshop.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** One line about where the figures come from: they mean little without it. */
final class Machine {

    private Machine() {
    }

    /** The OS, cores, runtimes, and how busy the machine was: other programs' work slows every figure. */
    static String describe() {
        String node = NodeSetup.nodeVersion();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%s %s, %d cores, Java %s, %s%s", System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                node == null ? "no Node" : "Node " + node,
                load < 0 ? "" : String.format(Locale.ROOT, ", load average %.1f at the start", load));
    }
}
