package dev.runway.provisioning.domain;

/** What a request provisions; each kind names the plan of steps that builds it (and, undone, removes it). */
public enum RequestKind {
    ENVIRONMENT, DATABASE;

    public Plan<?> plan() {
        return switch (this) {
            case ENVIRONMENT -> EnvironmentStep.PLAN;
            case DATABASE -> DatabaseStep.PLAN;
        };
    }
}
