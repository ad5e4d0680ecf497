package dev.runway.provisioning.rest.dto;

import java.util.List;

/** One page of a request's events, oldest first; pass {@code nextCursor} as {@code cursor} for the next. */
public record EventPage(List<EventView> items, String nextCursor) {
}
