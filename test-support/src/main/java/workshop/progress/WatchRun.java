package workshop.progress;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.nio.file.Path;
import java.util.Set;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One run of a step's tests for {@link Watch}, loaded afresh for every run in a class loader that
 * holds that run's build of the learner's code. The report is printed by {@link ProgressReport},
 * which the launcher finds as it does under Maven.
 */
public final class WatchRun {

    private WatchRun() {
    }

    /**
     * Runs the tests found in {@code testClasses} (the classes Maven's test run would pick),
     * tasks before {@code fromTask} counted as done earlier; returns the first task that fails,
     * or {@link Tasks#NONE} when none does.
     */
    public static int run(Path testClasses, int fromTask) {
        FailFast.startAt(fromTask);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(testClasses)))
                // Surefire's default includes.
                .filters(includeClassNamePatterns(".*\\.Test\\w*", ".*Test", ".*Tests", ".*TestCase"))
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request);
        return FailFast.failedTask();
    }
}
