package dev.runway.provisioning.domain;

import java.util.UUID;

/** Fired when a request has new work, so the reconciler can start on it once the change is committed. */
public record RequestChanged(UUID id) {
}
