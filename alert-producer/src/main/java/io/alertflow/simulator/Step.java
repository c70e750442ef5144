package io.alertflow.simulator;

import java.time.Duration;

/**
 * One thing that happens in a scenario, at an offset from the scenario's start (scenario time,
 * before compression).
 */
public record Step(Duration at, StepAction action) {
}
