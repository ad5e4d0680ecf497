package dev.runway.provisioning.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.provisioning.domain.AuditOutboxEvent;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AuditOutboxRepository implements PanacheRepositoryBase<AuditOutboxEvent, UUID> {
}
