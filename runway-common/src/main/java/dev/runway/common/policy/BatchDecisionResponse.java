package dev.runway.common.policy;

import java.util.List;

/** The decisions for a {@link BatchDecisionRequest}, in the order of its checks. */
public record BatchDecisionResponse(List<Decision> decisions) {
}
