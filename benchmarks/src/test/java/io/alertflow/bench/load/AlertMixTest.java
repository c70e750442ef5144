package io.alertflow.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertflow.avro.RawAlert;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated mixes hold what docs/BENCHMARKS.md says they hold (cheap: no Kafka, runs in mvn verify). */
class AlertMixTest {
    private static final ServiceCatalog CATALOG = ServiceCatalog.generate(500, 7);

    @Test
    void realisticMixIsMostlyResendsOfTwentyThousandAlertsWithResolvesFlapsAndMaintenance() {
        AlertMix mix = AlertMix.of(AlertMix.Kind.REALISTIC, CATALOG, 40, 42);
        Set<String> fingerprints = new HashSet<>();
        for (int i = 0; i < 300_000; i++) {
            fingerprints.add(mix.next(Instant.EPOCH).getFingerprint());
        }
        MixCounts counts = mix.counts();
        assertTrue(counts.resendShare() > 0.85 && counts.resendShare() < 0.92, counts.toString());
        assertTrue(counts.resolveShare() > 0.02 && counts.resolveShare() < 0.05, counts.toString());
        assertTrue(counts.flapShare() > 0.005, counts.toString());
        assertTrue(counts.maintenanceShare() > 0.02 && counts.maintenanceShare() < 0.08, counts.toString());
        assertTrue(counts.cascaded > 0, counts.toString());
        assertTrue(fingerprints.size() <= 20_000 && fingerprints.size() > 15_000, "distinct alerts: " + fingerprints.size());
    }

    @Test
    void allUniqueMixNeverRepeatsAFingerprint() {
        AlertMix mix = AlertMix.of(AlertMix.Kind.ALL_UNIQUE, CATALOG, 40, 1);
        Set<String> fingerprints = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            RawAlert alert = mix.next(Instant.EPOCH);
            fingerprints.add(alert.getFingerprint());
        }
        assertEquals(50_000, fingerprints.size());
    }

    @Test
    void dependenciesStayInsideTheirDomainSoCorrelationSeesSeveralComponents() {
        for (var service : CATALOG.services()) {
            int domain = Integer.parseInt(service.getName().substring(4)) / ServiceCatalog.DOMAIN_SIZE;
            for (String target : service.getDependsOn()) {
                assertEquals(domain, Integer.parseInt(target.substring(4)) / ServiceCatalog.DOMAIN_SIZE, service.getName() + " -> " + target);
            }
        }
    }
}
