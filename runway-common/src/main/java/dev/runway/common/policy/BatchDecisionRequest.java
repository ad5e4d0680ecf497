package dev.runway.common.policy;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Many checks in one call, for list pages; answered in the same order. */
public record BatchDecisionRequest(
        @NotEmpty @Size(max = BatchDecisionRequest.MAX_CHECKS) List<@NotNull @Valid DecisionRequest> checks) {

    /** access-service's limit on checks per batch; {@link AccessDecisions} splits longer lists. */
    public static final int MAX_CHECKS = 200;
}
