package dev.runway.provisioning.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.paging.KeysetCursor;
import dev.runway.common.policy.BatchDecisionRequest;
import dev.runway.common.policy.DecisionResource;
import dev.runway.common.policy.Reach;
import dev.runway.common.security.Caller;
import dev.runway.provisioning.config.ProvisioningConfig;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestEvent;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.policy.ProvisioningPolicy;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;
import dev.runway.provisioning.repository.ProvisioningRequestRepository.Position;
import dev.runway.provisioning.repository.RequestEventRepository;

/**
 * Keyset-paginated lists: environments and databases newest first on (created_at, id), a request's events oldest
 * first on their sequence. Cursors are opaque to clients and carry the last row's key, so a page never repeats or
 * skips a row when requests are added or change state between pages.
 */
@ApplicationScoped
public class RequestQueryService {
    /** The list of a request's events; environments and databases are the lists named by their kind. */
    private static final String EVENTS = "EVENT";

    private final ProvisioningRequestRepository requests;
    private final RequestEventRepository events;
    private final ProvisioningPolicy policy;
    private final ProvisioningConfig config;
    private final RequestAccess access;

    public RequestQueryService(ProvisioningRequestRepository requests, RequestEventRepository events,
            ProvisioningPolicy policy, ProvisioningConfig config, RequestAccess access) {
        this.requests = requests;
        this.events = events;
        this.policy = policy;
        this.config = config;
        this.access = access;
    }

    /**
     * The environments or databases the caller may see. Who may see a request is access-service's decision (team
     * membership, or a role binding on a team or an environment). A caller who may not see everything has only the
     * rows within the reach access-service gives (their teams', their bound environments') read and decided, in key
     * order, one batch of decisions at a time, and the page is cut from the visible ones: pages are full and a cursor
     * is the key of the last row shown. So a developer's list costs their own teams' rows, not the whole table's.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ProvisioningRequest> list(Caller caller, RequestKind kind, String cursor, Integer limitParam) {
        List<Problem.Violation> violations = new ArrayList<>();
        int limit = limit(violations, limitParam);
        Position after = requestCursor(violations, cursor, kind);
        reject(violations);
        Reach reach = policy.reach(caller, kind);
        // A reach is a superset: only an allowed decision on every request spares deciding each row.
        boolean seesAll = reach.everything() && policy.maySeeAll(caller, kind);
        List<UUID> environments = environmentIds(reach);
        int batch = seesAll ? limit + 1 : Math.max(limit + 1, BatchDecisionRequest.MAX_CHECKS);
        List<ProvisioningRequest> seen = new ArrayList<>(limit + 1);
        Position position = after;
        while (seen.size() <= limit) {
            List<ProvisioningRequest> rows = reach.everything() ? requests.pageByKind(kind, position, batch)
                    : requests.pageByKindWithin(kind, position, batch, reach.teams(), environments);
            if (seesAll) {
                seen.addAll(rows);
            } else if (!rows.isEmpty()) {
                List<Boolean> visible = policy.maySee(caller, rows);
                for (int i = 0; i < rows.size(); i++) {
                    if (visible.get(i)) {
                        seen.add(rows.get(i));
                    }
                }
            }
            if (rows.size() < batch) {
                break;
            }
            ProvisioningRequest last = rows.get(rows.size() - 1);
            position = new Position(last.createdAt(), last.id());
        }
        if (seen.size() <= limit) {
            return new Page<>(seen, null);
        }
        List<ProvisioningRequest> page = List.copyOf(seen.subList(0, limit));
        ProvisioningRequest last = page.get(limit - 1);
        return new Page<>(page, KeysetCursor.encode(kind.name(), last.createdAt(), last.id()));
    }

    /** The environments named in a reach; other resources (entities, teams as resources) hold no requests. */
    private static List<UUID> environmentIds(Reach reach) {
        List<UUID> ids = new ArrayList<>();
        for (String resource : reach.resources()) {
            DecisionResource.environmentId(resource).ifPresent(id -> {
                try {
                    ids.add(UUID.fromString(id));
                } catch (IllegalArgumentException e) {
                    // A binding on an environment id that is not one of ours: no request to find.
                }
            });
        }
        return ids;
    }

    /** A request's state transitions, oldest first; 404 unless the caller may see the request. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RequestEvent> events(Caller caller, UUID requestId, String cursor, Integer limitParam) {
        List<Problem.Violation> violations = new ArrayList<>();
        int limit = limit(violations, limitParam);
        Long after = eventCursor(violations, cursor);
        reject(violations);
        access.visible(caller, requestId, null);
        List<RequestEvent> rows = events.forRequest(requestId, after, limit + 1);
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<RequestEvent> page = List.copyOf(rows.subList(0, limit));
        return new Page<>(page, KeysetCursor.encode(EVENTS, page.get(limit - 1).id));
    }

    private int limit(List<Problem.Violation> violations, Integer limit) {
        int value = limit == null ? config.defaultPageSize() : limit;
        if (value < 1 || value > config.maxPageSize()) {
            violations.add(new Problem.Violation("limit", "must be between 1 and " + config.maxPageSize()));
        }
        return value;
    }

    private static Position requestCursor(List<Problem.Violation> violations, String cursor, RequestKind kind) {
        return cursor(violations, () -> KeysetCursor.decode(cursor, kind.name(), 2,
                key -> new Position(Instant.parse(key.get(0)), UUID.fromString(key.get(1)))));
    }

    private static Long eventCursor(List<Problem.Violation> violations, String cursor) {
        return cursor(violations, () -> KeysetCursor.decode(cursor, EVENTS, 1, key -> Long.parseLong(key.get(0))));
    }

    private static <T> T cursor(List<Problem.Violation> violations, Supplier<T> decode) {
        try {
            return decode.get();
        } catch (KeysetCursor.Invalid e) {
            violations.add(new Problem.Violation("cursor", "is not a cursor this list returned"));
            return null;
        }
    }

    private static void reject(List<Problem.Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the page request is malformed", violations);
        }
    }
}
