package dev.runway.access.service;

/** A human-readable line about an access request, for the optional chat webhook. */
public record AccessNotification(String text) {
}
