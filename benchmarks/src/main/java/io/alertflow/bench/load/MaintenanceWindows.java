package io.alertflow.bench.load;

import io.alertflow.avro.MaintenanceWindow;
import io.alertflow.avro.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The benchmark's maintenance window: the services of domain 3 (svc-060 … svc-079), active for a day. */
public final class MaintenanceWindows {
    private MaintenanceWindows() {
    }

    /** Whether the window covers alerts of service index {@code service}. */
    public static boolean coversService(int service) {
        return service >= 60 && service < 80;
    }

    /** The window, active from an hour before {@code now} to a day after. */
    public static MaintenanceWindow window(Instant now) {
        return MaintenanceWindow.newBuilder().setId("bench-window").setName("benchmark domain 3 upgrade")
                .setMatchers(List.of(Matcher.newBuilder().setLabel("service").setOp("=~").setValue("svc-0[67][0-9]").build()))
                .setStartsAt(now.minus(Duration.ofHours(1))).setEndsAt(now.plus(Duration.ofDays(1)))
                .setRecurrence(null).setCreatedBy("benchmarks").setComment("suppresses ~4 % of alerts").build();
    }

    /** A window over every benchmark service: alerts stay active in deduplication but never reach correlation. */
    public static MaintenanceWindow everything(Instant now) {
        return MaintenanceWindow.newBuilder().setId("bench-all").setName("benchmark: everything under maintenance")
                .setMatchers(List.of(Matcher.newBuilder().setLabel("service").setOp("=~").setValue("svc-.*").build()))
                .setStartsAt(now.minus(Duration.ofHours(1))).setEndsAt(now.plus(Duration.ofDays(1)))
                .setRecurrence(null).setCreatedBy("benchmarks").setComment("state benchmark").build();
    }
}
