package dev.runway.access.rest.dto;

import java.util.List;

public record TeamSummaryView(String name, long membersSeen, List<String> leads) {
}
