package io.alertflow.whatif;

import java.util.List;
import java.util.Map;

/**
 * What one configuration made of a recording.
 *
 * @param settings the settings that differ from the defaults (secrets and connection settings left out)
 * @param totals the headline numbers
 * @param incidents every incident, sorted by detection time then id
 */
public record RunResult(Map<String, String> settings, Totals totals, List<IncidentReport> incidents) {
}
