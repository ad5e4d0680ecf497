package dev.runway.access.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.access.domain.AccessRequest;
import dev.runway.access.domain.RoleBinding;
import dev.runway.access.repository.AccessRequestRepository;
import dev.runway.access.repository.RoleBindingRepository;
import dev.runway.common.audit.AuditEvent;
import dev.runway.common.error.ConflictException;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.security.Caller;

/** Role bindings managed by platform-admins (who may call it is checked by the resource's role). */
@ApplicationScoped
public class RoleBindingService {
    private final RoleBindingRepository bindings;
    private final AccessRequestRepository requests;
    private final AccessAudit audit;
    private final Clock clock;

    public RoleBindingService(RoleBindingRepository bindings, AccessRequestRepository requests, AccessAudit audit,
            Clock clock) {
        this.bindings = bindings;
        this.requests = requests;
        this.audit = audit;
        this.clock = clock;
    }

    /** Subject, role and scope arrive validated by their patterns; the expiry is checked against the clock here. */
    public record BindingSpec(String subject, String role, String scope, Instant expiresAt) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RoleBinding> search(String subject, String scope, int limit) {
        return bindings.search(subject, scope, limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RoleBinding get(UUID id) {
        RoleBinding binding = bindings.findById(id);
        if (binding == null) {
            throw new ResourceNotFoundException("No role binding " + id + ".");
        }
        return binding;
    }

    @Transactional
    public RoleBinding create(Caller caller, BindingSpec spec) {
        checkExpiry(spec);
        if (bindings.existsPlain(spec.subject(), spec.role(), spec.scope())) {
            throw new ConflictException(spec.subject() + " already holds " + spec.role() + " on " + spec.scope() + ".");
        }
        RoleBinding binding = new RoleBinding();
        binding.id = UUID.randomUUID();
        binding.subject = spec.subject();
        binding.role = spec.role();
        binding.scope = spec.scope();
        binding.expiresAt = spec.expiresAt();
        binding.createdAt = clock.instant();
        binding.createdBy = caller.username();
        bindings.persist(binding);
        audit.record(caller, "role-binding.create", "role-binding:" + binding.id, AuditEvent.SUCCESS, null, details(binding));
        return binding;
    }

    @Transactional
    public RoleBinding update(Caller caller, UUID id, BindingSpec spec) {
        RoleBinding binding = get(id);
        if (binding.isGrant()) {
            throw new ConflictException("Grants change only through access requests; revoke this one with DELETE /api/v1/grants/" + id + ".");
        }
        checkExpiry(spec);
        boolean identityChanged = !binding.subject.equals(spec.subject()) || !binding.role.equals(spec.role())
                || !binding.scope.equals(spec.scope());
        if (identityChanged && bindings.existsPlain(spec.subject(), spec.role(), spec.scope())) {
            throw new ConflictException(spec.subject() + " already holds " + spec.role() + " on " + spec.scope() + ".");
        }
        Map<String, Object> before = details(binding);
        binding.subject = spec.subject();
        binding.role = spec.role();
        binding.scope = spec.scope();
        binding.expiresAt = spec.expiresAt();
        Map<String, Object> details = new HashMap<>(details(binding));
        details.put("before", before);
        audit.record(caller, "role-binding.update", "role-binding:" + binding.id, AuditEvent.SUCCESS, null, details);
        return binding;
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        RoleBinding binding = get(id);
        if (binding.isGrant()) {
            AccessRequest request = requests.findById(binding.accessRequestId);
            request.status = AccessRequest.Status.REVOKED;
        }
        bindings.delete(binding);
        audit.record(caller, "role-binding.delete", "role-binding:" + binding.id, AuditEvent.SUCCESS, null, details(binding));
    }

    private void checkExpiry(BindingSpec spec) {
        if (spec.expiresAt() != null && !spec.expiresAt().isAfter(clock.instant())) {
            throw new InvalidInputException("The binding would already be expired.",
                    List.of(new Problem.Violation("expiresAt", "must be in the future")));
        }
    }

    static Map<String, Object> details(RoleBinding binding) {
        Map<String, Object> details = new HashMap<>();
        details.put("subject", binding.subject);
        details.put("role", binding.role);
        details.put("scope", binding.scope);
        if (binding.expiresAt != null) {
            details.put("expiresAt", binding.expiresAt.toString());
        }
        if (binding.accessRequestId != null) {
            details.put("accessRequestId", binding.accessRequestId.toString());
        }
        return details;
    }
}
