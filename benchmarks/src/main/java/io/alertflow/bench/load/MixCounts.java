package io.alertflow.bench.load;

import java.util.Locale;

/** Counts of what a generated mix holds, printed next to every figure so the mix is visible. */
public final class MixCounts {
    long total;
    long resends;
    long firstFirings;
    long flaps;
    long resolves;
    long cascaded;
    long inMaintenance;

    public long total() {
        return total;
    }

    public double resendShare() {
        return total == 0 ? 0 : (double) resends / total;
    }

    public double resolveShare() {
        return total == 0 ? 0 : (double) resolves / total;
    }

    public double flapShare() {
        return total == 0 ? 0 : (double) flaps / total;
    }

    public double maintenanceShare() {
        return total == 0 ? 0 : (double) inMaintenance / total;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d notifications: %.1f %% re-sends, %,d first firings, %.1f %% flaps (re-fire after resolve), "
                + "%.1f %% resolves, %,d cascaded firings, %.1f %% on services under maintenance", total, 100 * resendShare(),
                firstFirings, 100 * flapShare(), 100 * resolveShare(), cascaded, 100 * maintenanceShare());
    }
}
