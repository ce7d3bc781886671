package workshop.scale;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the Redis tests, once: a real {@code redis-server} for the test class, and for each
 * test an empty Redis with two instances on it, A ({@code get(0)}) and B ({@code get(1)}). A test may
 * {@link #add} more; all of them stop after it. Register it on a static field:
 * {@code @RegisterExtension static final TwoInstances cluster = TwoInstances.onEmptyRedis();}
 */
final class TwoInstances implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** Whether each test starts Redis again (a test stopped it) rather than only emptying it. */
    private final boolean restart;
    private final List<Instance> instances = new ArrayList<>();
    private RedisServer redis;

    private TwoInstances(boolean restart) {
        this.restart = restart;
    }

    /** Redis emptied before each test. */
    static TwoInstances onEmptyRedis() {
        return new TwoInstances(false);
    }

    /** Redis started again before each test: for tests that stop it. */
    static TwoInstances onRestartedRedis() {
        return new TwoInstances(true);
    }

    RedisServer redis() {
        return redis;
    }

    Instance get(int index) {
        return instances.get(index);
    }

    List<Instance> all() {
        return List.copyOf(instances);
    }

    /** One more instance, stopped after the test with the others. */
    Instance add(Instance instance) {
        instances.add(instance);
        return instance;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = RedisServer.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (restart) {
            redis.restart();
        } else {
            redis.flush();
        }
        add(Instance.onRedis("A", redis));
        add(Instance.onRedis("B", redis));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        instances.forEach(Instance::close);
        instances.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (redis != null) {
            redis.close();
        }
    }
}
