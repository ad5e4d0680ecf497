package dev.runway.catalog.insights.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A production incident of an entity, opened and later resolved by on-call tooling or a person. */
@Entity
@Table(name = "incident")
public class Incident {
    /** {@code sev1} (most severe) to {@code sev4}, in any case and with an optional dash ({@code SEV-2}). */
    private static final Pattern SEVERITY = Pattern.compile("(?i)sev-?([1-4])");

    @Id
    public UUID id;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "entity_ref")
    public String entityRef;
    public String severity;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "caused_by_deployment")
    public String causedByDeployment;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "resolved_by")
    public String resolvedBy;

    /** The severity as stored ({@code sev1}..{@code sev4}), or empty when {@code written} is none. */
    public static Optional<String> severity(String written) {
        Matcher m = SEVERITY.matcher(written);
        return m.matches() ? Optional.of("sev" + m.group(1)) : Optional.empty();
    }
}
