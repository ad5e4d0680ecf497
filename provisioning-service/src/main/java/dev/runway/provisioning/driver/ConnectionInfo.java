package dev.runway.provisioning.driver;

/** Where an application connects to its database; {@code database} is null where the engine has none (Redis). */
public record ConnectionInfo(String host, int port, String database, String username) {
}
