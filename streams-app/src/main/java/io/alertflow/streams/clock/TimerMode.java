package io.alertflow.streams.clock;

import io.alertflow.config.ConfigSource;
import java.util.Locale;
import org.apache.kafka.streams.processor.PunctuationType;

/** What drives timers: the wall clock (live) or stream time (replay of recorded input). */
public enum TimerMode {
    WALL_CLOCK("wall-clock", PunctuationType.WALL_CLOCK_TIME),
    STREAM_TIME("stream-time", PunctuationType.STREAM_TIME);

    private final String configValue;
    private final PunctuationType punctuationType;

    TimerMode(String configValue, PunctuationType punctuationType) {
        this.configValue = configValue;
        this.punctuationType = punctuationType;
    }

    /** Parses {@code wall-clock} or {@code stream-time}. */
    public static TimerMode parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (TimerMode mode : values()) {
            if (mode.configValue.equals(v)) {
                return mode;
            }
        }
        throw new ConfigSource.ConfigException("timers.mode", "must be wall-clock or stream-time, got '" + value + "'");
    }

    public PunctuationType punctuationType() {
        return punctuationType;
    }

    public String configValue() {
        return configValue;
    }
}
