package dev.runway.catalog.insights.rest.dto;

import java.time.Instant;
import java.util.List;

import dev.runway.catalog.insights.dora.DoraCalculator;

/** The DORA metrics of a scope over a window, each with its tier, plus a weekly series for charts. */
public record DoraView(Scope scope, String window, String environment, Instant from, Instant to,
        DoraCalculator.DeploymentFrequency deploymentFrequency, DoraCalculator.LeadTime leadTime,
        DoraCalculator.ChangeFailureRate changeFailureRate, DoraCalculator.TimeToRestore timeToRestore,
        DoraCalculator.ReworkRate reworkRate, List<DoraCalculator.WeekPoint> series) {

    /** @param type entity, team or system; @param entities live entities the figures cover */
    public record Scope(String type, String ref, long entities) {
    }
}
