package io.alertflow.streams;

import java.util.Map;

/**
 * The payment-outage story again with every key-value store on the heap (what-if's engine), here under wall-clock
 * timers: the same incidents, pages and metrics, and — tests run with assertions — every store read checks that no
 * processor changed a stored object without putting it again (HeapStore shares objects).
 */
class PaymentOutageOnHeapStoresTest extends PaymentOutagePipelineTest {
    @Override
    Map<String, String> stateSettings() {
        return Map.of("state.stores", "heap", "state.changelogs", "false");
    }
}
