package dev.runway.provisioning.mapping;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestEvent;
import dev.runway.provisioning.rest.dto.EventView;
import dev.runway.provisioning.rest.dto.RequestView;
import dev.runway.provisioning.rest.dto.TemplateView;
import dev.runway.provisioning.template.Template;

public final class ProvisioningMapper {
    private ProvisioningMapper() {
    }

    public static TemplateView toView(Template t, boolean available) {
        TemplateView.TtlView ttl = t.ttl() == null ? null
                : new TemplateView.TtlView(t.ttl().defaultTtl().toString(), t.ttl().max().toString());
        Map<String, TemplateView.PlanView> plans = null;
        if (!t.plans().isEmpty()) {
            plans = new LinkedHashMap<>();
            for (Map.Entry<String, Template.Plan> p : t.plans().entrySet()) {
                plans.put(p.getKey(), new TemplateView.PlanView(p.getValue().connectionLimit(),
                        p.getValue().cpuMillis(), p.getValue().memoryMib()));
            }
        }
        return new TemplateView(t.id(), t.version(), t.kind().name().toLowerCase(Locale.ROOT), t.description(),
                t.approvalRequired(), available, ttl, t.defaults(), plans, t.parameters());
    }

    public static RequestView toView(ProvisioningRequest r) {
        return new RequestView(r.id(), r.kind().name().toLowerCase(Locale.ROOT), r.name(), r.team(), r.templateId(),
                r.templateVersion(), r.parameters(), r.state().name(), r.reason(), r.retryable(), r.attempts(),
                r.nextAttemptAt(), r.namespace(), r.environmentId(), r.requestedBy(), r.approvalRequired(),
                r.decidedBy(), r.expiresAt(), r.secretName(), r.component(), r.catalogSynced(), r.catalogReason(),
                r.createdAt(), r.updatedAt());
    }

    public static EventView toView(RequestEvent e) {
        return new EventView(e.fromState == null ? null : e.fromState.name(), e.toState.name(), e.occurredAt,
                e.actor, e.reason);
    }
}
