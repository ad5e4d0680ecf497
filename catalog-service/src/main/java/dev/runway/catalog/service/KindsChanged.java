package dev.runway.catalog.service;

/** Fired when a custom kind is registered, changed or removed; the registry of this replica reloads after commit. */
public record KindsChanged(String kind) {
}
