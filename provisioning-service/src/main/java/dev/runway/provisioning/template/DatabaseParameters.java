package dev.runway.provisioning.template;

import java.util.Map;

/** The parameters of a database template, typed; built from parameters its schema has accepted. */
public record DatabaseParameters(String plan) {
    /** The request body's {@code plan}, as the template's parameters name it. */
    public static final String PLAN = "plan";

    public static DatabaseParameters of(Map<String, Object> resolved) {
        return new DatabaseParameters((String) resolved.get(PLAN));
    }

    /** The plan's limits in {@code template}. */
    public Template.Plan limits(Template template) {
        return template.plans().get(plan);
    }
}
