package dev.runway.provisioning.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.policy.BatchDecisionRequest;
import dev.runway.common.policy.Reach;
import dev.runway.provisioning.config.ProvisioningConfig;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestEvent;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.policy.Caller;
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
        return new Page<>(page, encode(kind.name() + "\n" + last.createdAt() + "\n" + last.id()));
    }

    /** The environments named in a reach; other resources (entities, teams as resources) hold no requests. */
    private static List<UUID> environmentIds(Reach reach) {
        List<UUID> ids = new ArrayList<>();
        for (String resource : reach.resources()) {
            if (resource.startsWith("environment:")) {
                try {
                    ids.add(UUID.fromString(resource.substring("environment:".length())));
                } catch (IllegalArgumentException e) {
                    // A binding on an environment id that is not one of ours: no request to find.
                }
            }
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
        return new Page<>(page, encode("EVENT\n" + page.get(limit - 1).id));
    }

    private int limit(List<Problem.Violation> violations, Integer limit) {
        int value = limit == null ? config.defaultPageSize() : limit;
        if (value < 1 || value > config.maxPageSize()) {
            violations.add(new Problem.Violation("limit", "must be between 1 and " + config.maxPageSize()));
        }
        return value;
    }

    private static Position requestCursor(List<Problem.Violation> violations, String cursor, RequestKind kind) {
        String[] parts = decode(cursor, 3);
        if (parts == null) {
            return null;
        }
        try {
            if (parts.length == 3 && parts[0].equals(kind.name())) {
                return new Position(Instant.parse(parts[1]), UUID.fromString(parts[2]));
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // falls through to the violation below
        }
        violations.add(new Problem.Violation("cursor", "is not a cursor this list returned"));
        return null;
    }

    private static Long eventCursor(List<Problem.Violation> violations, String cursor) {
        String[] parts = decode(cursor, 2);
        if (parts == null) {
            return null;
        }
        try {
            if (parts.length == 2 && parts[0].equals("EVENT")) {
                return Long.parseLong(parts[1]);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the violation below
        }
        violations.add(new Problem.Violation("cursor", "is not a cursor this list returned"));
        return null;
    }

    /** The cursor's lines, an empty array if it is not base64url, or null when there is no cursor. */
    private static String[] decode(String cursor, int parts) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", parts);
        } catch (IllegalArgumentException e) {
            return new String[0];
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static void reject(List<Problem.Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the page request is malformed", violations);
        }
    }
}
