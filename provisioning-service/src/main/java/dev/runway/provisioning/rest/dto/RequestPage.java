package dev.runway.provisioning.rest.dto;

import java.util.List;

/** One page of environments or databases, newest first; pass {@code nextCursor} as {@code cursor} for the next. */
public record RequestPage(List<RequestView> items, String nextCursor) {
}
