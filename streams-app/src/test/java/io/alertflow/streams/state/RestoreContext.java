package io.alertflow.streams.state;

import java.lang.reflect.Proxy;
import java.util.Optional;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;

/**
 * Initializes a store with a context that keeps the restore callback it registers: how Kafka Streams hands a store
 * its changelog (or a global store its topic) on a start. Nothing else of the context is available.
 */
final class RestoreContext {
    private RestoreContext() {
    }

    /** Calls {@code store.init} and returns the callback the store registered. */
    static StateRestoreCallback init(StateStore store) {
        StateRestoreCallback[] restore = new StateRestoreCallback[1];
        StateStoreContext context = (StateStoreContext) Proxy.newProxyInstance(RestoreContext.class.getClassLoader(),
                new Class<?>[] {StateStoreContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("register")) {
                        restore[0] = (StateRestoreCallback) args[1];
                        return null;
                    }
                    if (method.getName().equals("recordMetadata")) {
                        return Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        store.init(context, store);
        if (restore[0] == null) {
            throw new AssertionError("store " + store.name() + " registered no restore callback");
        }
        return restore[0];
    }
}
