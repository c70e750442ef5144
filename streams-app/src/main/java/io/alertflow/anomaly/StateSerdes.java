package io.alertflow.anomaly;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary serdes of the detectors' per-key state, for the state stores and their changelogs. Each
 * value starts with a format version byte so the layout can change without misreading old changelogs.
 */
public final class StateSerdes {
    private static final byte VERSION = 1;

    private StateSerdes() {
    }

    /** Serde of {@link SurgeState}. */
    public static Serde<SurgeState> surgeState() {
        return Serdes.serdeFrom((topic, s) -> s == null ? null : write(out -> writeSurge(out, s)),
                (topic, bytes) -> bytes == null ? null : read(bytes, StateSerdes::readSurge));
    }

    /** Serde of {@link SeriesState}. */
    public static Serde<SeriesState> seriesState() {
        return Serdes.serdeFrom((topic, s) -> s == null ? null : write(out -> writeSeries(out, s)),
                (topic, bytes) -> bytes == null ? null : read(bytes, StateSerdes::readSeries));
    }

    private static void writeSurge(DataOutputStream out, SurgeState s) throws IOException {
        out.writeDouble(s.baseline().value());
        out.writeLong(s.baseline().count());
        out.writeBoolean(s.raised());
        out.writeLong(s.surgeStart());
        out.writeLong(s.peak());
        out.writeLong(s.closedThrough());
        out.writeLong(s.lastCountedAt());
    }

    private static SurgeState readSurge(DataInputStream in) throws IOException {
        Ewma baseline = new Ewma(in.readDouble(), in.readLong());
        return new SurgeState(baseline, in.readBoolean(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    private static void writeSeries(DataOutputStream out, SeriesState s) throws IOException {
        out.writeUTF(s.service());
        out.writeUTF(s.name());
        out.writeLong(s.lastEvaluatedTick());
        out.writeLong(s.newestAt());
        out.writeInt(s.above());
        out.writeInt(s.calm());
        out.writeBoolean(s.raised());
        out.writeInt(s.points().size());
        for (Point p : s.points()) {
            out.writeLong(p.at());
            out.writeDouble(p.value());
        }
    }

    private static SeriesState readSeries(DataInputStream in) throws IOException {
        String service = in.readUTF();
        String name = in.readUTF();
        long lastEvaluatedTick = in.readLong();
        long newestAt = in.readLong();
        int above = in.readInt();
        int calm = in.readInt();
        boolean raised = in.readBoolean();
        int n = in.readInt();
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new Point(in.readLong(), in.readDouble()));
        }
        return new SeriesState(service, name, points, lastEvaluatedTick, newestAt, above, calm, raised);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writer.write(out);
        } catch (IOException e) {
            throw new SerializationException("cannot encode anomaly detector state", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("unknown anomaly detector state format " + version);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new SerializationException("corrupt anomaly detector state", e);
        }
    }
}
