package workshop.core;

import java.util.function.Consumer;

/** One server on its own: what is published comes straight back, on the publishing (hub) thread. */
public final class LocalBroker implements Broker {

    private Consumer<String> deliver = json -> {
    };

    @Override
    public void subscribe(Consumer<String> deliver) {
        this.deliver = deliver;
    }

    @Override
    public void publish(String json) {
        deliver.accept(json);
    }

    @Override
    public void close() {
    }
}
