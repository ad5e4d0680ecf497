package dev.runway.provisioning.service;

import java.util.UUID;

/**
 * A request for a database in an environment, as the service takes it.
 *
 * @param team      null, or the team the requester believes owns the environment: the database's team is always its
 *                  environment's, and a different one here is refused
 * @param plan      a plan of the engine's template; null for its default
 * @param component a component entity ref in any accepted spelling, or null
 */
public record NewDatabase(String name, String team, String engine, String plan, UUID environment, String component) {
}
