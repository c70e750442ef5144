package io.alertflow.maintenance;

import io.alertflow.avro.AlertChange;
import io.alertflow.avro.ChangeType;
import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.SuppressedAlert;
import io.alertflow.streams.clock.DeadlineIndex;
import io.alertflow.streams.clock.TimerMode;
import io.alertflow.streams.clock.Timers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Maintenance suppression (SPEC §3.3) of the state changes leaving deduplication. A new occurrence covered by
 * an active window is held in {@value Maintenance#SUPPRESSED_STORE} (the FIRED change, with
 * {@code releasedFrom} = the holding window) and reported on {@code alerts.suppressed}; its resolution is
 * swallowed, since correlation never saw it. A timer releases alerts still firing when their occurrence ends or
 * their window is deleted or changed: a RELEASED change whose effective start is the window's end.
 */
final class SuppressionProcessor implements Processor<String, AlertChange, String, MaintenanceOutcome> {
    static final int MAX_RELEASES_PER_TICK = 10_000;

    private final Timers timers;
    private ProcessorContext<String, MaintenanceOutcome> context;
    private KeyValueStore<String, AlertChange> held;
    private DeadlineIndex releases;
    private WindowCatalog windows;
    /** Windows holding at least one alert of this task; checked every tick for deletion or change. */
    private final Set<String> holdingWindows = new HashSet<>();

    SuppressionProcessor(Timers timers) {
        this.timers = timers;
    }

    @Override
    public void init(ProcessorContext<String, MaintenanceOutcome> context) {
        this.context = context;
        this.held = context.getStateStore(Maintenance.SUPPRESSED_STORE);
        KeyValueStore<Bytes, byte[]> index = context.getStateStore(Maintenance.RELEASES);
        this.releases = new DeadlineIndex(index);
        KeyValueStore<String, MaintenanceWindow> windowStore = context.getStateStore(Maintenance.WINDOWS_STORE);
        this.windows = new WindowCatalog(windowStore);
        forEachHeld((fingerprint, change) -> holdingWindows.add(change.getReleasedFrom()));
        timers.schedule(context, this::onTimers);
    }

    @Override
    public void process(Record<String, AlertChange> record) {
        AlertChange change = record.value();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        if (timers.mode() == TimerMode.STREAM_TIME && releases.anyDue(at)) {
            // Releases due by this record's time go out before it, as in DedupProcessor: otherwise their order
            // relative to this record would depend on when the stream thread punctuates.
            releaseDue(at);
        }
        if (change.getChange() == ChangeType.FIRED) {
            Optional<WindowCatalog.Hold> hold = windows.covering(change.getAlert().getLabels(), change.getAt());
            if (hold.isPresent()) {
                suppress(record, hold.get());
                return;
            }
        } else if ((change.getChange() == ChangeType.RESOLVED || change.getChange() == ChangeType.STALE)
                && held.get(record.key()) != null) {
            AlertChange heldChange = held.get(record.key());
            Instant windowEnd = endOfHold(heldChange, change.getAt());
            if (windowEnd == null) {
                // Resolved while suppressed: correlation never saw it fire, so it must not see it resolve.
                held.delete(record.key());
                return;
            }
            // Its window ended before this resolve but the release timer has not run yet: release it at the
            // window's end first, as the timer would have, so the outcome does not depend on timer lag.
            release(record.key(), heldChange, windowEnd);
        }
        context.forward(record.withValue(new MaintenanceOutcome.Passed(change)));
    }

    private void suppress(Record<String, AlertChange> record, WindowCatalog.Hold hold) {
        AlertChange change = record.value();
        held.put(record.key(), AlertChange.newBuilder(change).setReleasedFrom(hold.windowId()).build());
        releases.schedule(hold.endsAt(), record.key());
        holdingWindows.add(hold.windowId());
        SuppressedAlert suppressed = SuppressedAlert.newBuilder().setAlert(change.getAlert()).setWindowId(hold.windowId())
                .setWindowName(hold.windowName()).setSuppressedAt(change.getAt()).setWindowEndsAt(hold.endsAt()).build();
        context.forward(record.withValue(new MaintenanceOutcome.Suppressed(suppressed)));
    }

    private void onTimers(Instant now) {
        releaseDue(now);
        releaseFromChangedWindows(now);
    }

    private void releaseDue(Instant now) {
        for (DeadlineIndex.Due due : releases.popDue(now, MAX_RELEASES_PER_TICK)) {
            AlertChange change = held.get(due.id());
            if (change != null) {
                // Decide at the window's end, not at whatever moment the timer ran: replays must agree.
                Instant end = due.deadline().isAfter(now) ? now : due.deadline();
                recheck(due.id(), change, end, due.deadline());
            }
        }
    }

    /** Windows deleted or edited since they suppressed something: re-evaluate what they hold (rare, so a scan is fine). */
    private void releaseFromChangedWindows(Instant now) {
        Set<String> changed = new HashSet<>();
        for (String windowId : holdingWindows) {
            if (windows.changed(windowId)) {
                changed.add(windowId);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        holdingWindows.removeAll(changed);
        List<KeyValue<String, AlertChange>> affected = new ArrayList<>();
        forEachHeld((fingerprint, change) -> {
            if (changed.contains(change.getReleasedFrom())) {
                affected.add(KeyValue.pair(fingerprint, change));
            }
        });
        affected.forEach(kv -> recheck(kv.key, kv.value, now, now));
    }

    /** Holds the alert longer if a window (the same, extended, or another) still covers it; else releases it. */
    private void recheck(String fingerprint, AlertChange change, Instant now, Instant windowEnd) {
        Optional<WindowCatalog.Hold> hold = windows.covering(change.getAlert().getLabels(), now);
        if (hold.isPresent()) {
            held.put(fingerprint, AlertChange.newBuilder(change).setReleasedFrom(hold.get().windowId()).build());
            releases.schedule(hold.get().endsAt(), fingerprint);
            holdingWindows.add(hold.get().windowId());
            return;
        }
        release(fingerprint, change, now.isBefore(windowEnd) ? now : windowEnd);
    }

    /** Releases a held alert into correlation at {@code at}: it starts and is detected then (SPEC §3.8). */
    private void release(String fingerprint, AlertChange change, Instant at) {
        held.delete(fingerprint);
        AlertChange released = AlertChange.newBuilder(change).setChange(ChangeType.RELEASED)
                .setEffectiveStartsAt(at).setDetectedAt(at).setAt(at).build();
        context.forward(new Record<>(fingerprint, new MaintenanceOutcome.Passed(released), at.toEpochMilli()));
    }

    /** The end of the window occurrence that holds the alert, when it ended by {@code at}; null while it still covers it. */
    private Instant endOfHold(AlertChange heldChange, Instant at) {
        if (windows.covering(heldChange.getAlert().getLabels(), at).isPresent()) {
            return null;
        }
        Instant end = windows.covering(heldChange.getAlert().getLabels(), heldChange.getAt())
                .map(WindowCatalog.Hold::endsAt).orElse(at);
        return end.isAfter(at) ? at : end;
    }

    private void forEachHeld(java.util.function.BiConsumer<String, AlertChange> action) {
        try (KeyValueIterator<String, AlertChange> it = held.all()) {
            while (it.hasNext()) {
                KeyValue<String, AlertChange> kv = it.next();
                action.accept(kv.key, kv.value);
            }
        }
    }
}
