package io.alertflow.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.RawAlert;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

class AvroTrustTest {

    @Test
    void shouldTrustTheProjectPackageOnEveryReaderOnce() {
        SpecificDatumReader<RawAlert> reader = new SpecificDatumReader<>(RawAlert.class);
        reader.getTrustedPackages().removeIf(p -> p.startsWith("io.alertflow"));

        AvroTrust.trust(AvroTrust.trust(reader));

        List<String> trusted = new ArrayList<>(reader.getTrustedPackages());
        assertTrue(trusted.contains("io.alertflow."), trusted::toString);
        assertEquals(1, trusted.stream().filter("io.alertflow."::equals).count());
    }

    @Test
    void shouldLeaveTrustAllAlone() {
        SpecificDatumReader<RawAlert> reader = new SpecificDatumReader<>(RawAlert.class);
        reader.getTrustedPackages().clear();
        reader.getTrustedPackages().add("*");

        AvroTrust.trust(reader);

        assertEquals(List.of("*"), reader.getTrustedPackages());
    }
}
