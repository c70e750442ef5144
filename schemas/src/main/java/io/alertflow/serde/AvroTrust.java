package io.alertflow.serde;

import java.util.List;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Makes Avro 1.12's deserialisation allow-list trust the project's own package on the readers the serde
 * creates, so users need no {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES} flag.
 *
 * <p>The per-reader list is used rather than the system property because Avro reads the property only once,
 * when its reader class initialises, which may happen before any serde is created.
 */
final class AvroTrust {

    /** Trailing dot as Avro writes it, so "io.alertflowx" is not trusted by accident. */
    static final String PROJECT_PACKAGE = "io.alertflow.";

    private AvroTrust() {
    }

    /** Adds the project package to {@code reader}'s trusted packages unless it already trusts everything. */
    static <T> SpecificDatumReader<T> trust(SpecificDatumReader<T> reader) {
        List<String> trusted = reader.getTrustedPackages();
        boolean trustsAll = trusted.size() == 1 && "*".equals(trusted.get(0));
        if (!trustsAll && !trusted.contains(PROJECT_PACKAGE)) {
            trusted.add(PROJECT_PACKAGE);
        }
        return reader;
    }
}
