package dev.runway.catalog.insights.service;

/**
 * What an idempotent write stored, and whether this request created it (a repeat of the same write answers the
 * stored value instead).
 */
public record Recorded<T>(T value, boolean created) {
}
