package dev.runway.access.rest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.access.audit.AuditAppendResult;
import dev.runway.access.audit.AuditConfig;
import dev.runway.access.audit.AuditIngestService;
import dev.runway.access.audit.AuditPage;
import dev.runway.access.audit.AuditQuery;
import dev.runway.access.audit.AuditQueryService;
import dev.runway.access.audit.AuditRecordView;
import dev.runway.access.audit.AuditRetention;
import dev.runway.access.audit.AuditService;
import dev.runway.access.audit.AuditVerifier;
import dev.runway.access.rest.dto.AuditEventBatch;
import dev.runway.access.rest.dto.AuditEventRequest;
import dev.runway.access.rest.dto.AuditIngestResponse;
import dev.runway.access.rest.dto.AuditPageResponse;
import dev.runway.access.rest.dto.AuditPruneResponse;
import dev.runway.access.rest.dto.AuditRecordResponse;
import dev.runway.access.rest.dto.AuditVerificationResponse;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.ProblemKind;
import dev.runway.common.error.ProblemResponses;
import dev.runway.common.paging.KeysetCursor;
import dev.runway.common.security.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/audit")
@Tag(name = "audit", description = "The append-only, hash-chained audit log")
public class AuditResource {
    private static final String CSV = "text/csv";
    private static final String JSONL = "application/jsonl";
    private static final String SERVICE_ACCOUNT_PREFIX = "service-account-";
    /** The audit log's pages are keyed by the sequence number of the last record shown. */
    private static final String CURSOR_LIST = "audit";

    private final AuditQueryService queries;
    private final AuditIngestService ingestion;
    private final AuditVerifier verifier;
    private final AuditRetention retention;
    private final AuditConfig config;
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final ObjectMapper json;

    public AuditResource(AuditQueryService queries, AuditIngestService ingestion, AuditVerifier verifier,
            AuditRetention retention, AuditConfig config, SecurityIdentity identity, JsonWebToken token,
            ObjectMapper json) {
        this.queries = queries;
        this.ingestion = ingestion;
        this.verifier = verifier;
        this.retention = retention;
        this.config = config;
        this.identity = identity;
        this.token = token;
        this.json = json;
    }

    @GET
    @Authenticated
    @Produces({ MediaType.APPLICATION_JSON, CSV, JSONL })
    @Operation(summary = "Search the audit log", description = "Newest first, keyset-paginated. Auditors and "
            + "platform-admins see every record, everyone else only records where they are the actor. "
            + "format=csv or format=jsonl streams every matching record instead of one page.")
    @APIResponse(responseCode = "200", description = "A page of records, or the export stream", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPageResponse.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = JSONL, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A malformed filter, cursor or limit")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Response search(@QueryParam("actor") String actor, @QueryParam("team") String team,
            @QueryParam("action") String action,
            @Parameter(description = "Prefix of the resource") @QueryParam("resource") String resource,
            @QueryParam("outcome") String outcome, @QueryParam("source") String source,
            @Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("to") String to,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size of format=json, 1 to runway.access.audit.max-page-size "
                    + "(500 by default; default 50); anything else is refused with 400", schema = @Schema(
                            type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "json (one page, default), csv or jsonl (export)") @QueryParam("format") @DefaultValue("json") String format) {
        List<Problem.Violation> violations = new ArrayList<>();
        Instant fromInstant = instant(violations, "from", from);
        Instant toInstant = instant(violations, "to", to);
        Long beforeSeq = cursor(violations, cursor);
        if (limit < 1 || limit > config.maxPageSize()) {
            violations.add(new Problem.Violation("limit", "must be between 1 and " + config.maxPageSize()));
        }
        if (outcome != null && !AuditService.OUTCOMES.contains(outcome)) {
            violations.add(new Problem.Violation("outcome", "must be one of success, failure, allow, deny"));
        }
        if (!Set.of("json", "csv", "jsonl").contains(format)) {
            violations.add(new Problem.Violation("format", "must be one of json, csv, jsonl"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the audit search is malformed", violations);
        }
        boolean seesAll = identity.hasRole(Roles.AUDITOR) || identity.hasRole(Roles.PLATFORM_ADMIN);
        AuditQuery query = new AuditQuery(blankToNull(actor), blankToNull(team), blankToNull(action),
                blankToNull(resource), outcome, blankToNull(source), fromInstant, toInstant,
                seesAll ? null : identity.getPrincipal().getName());
        if (!format.equals("json")) {
            boolean csv = format.equals("csv");
            return Response.ok(export(query, csv), csv ? CSV + "; charset=utf-8" : JSONL)
                    .header("Content-Disposition", "attachment; filename=\"audit." + format + "\"").build();
        }
        AuditPage page = queries.page(query, beforeSeq, limit);
        return Response.ok(new AuditPageResponse(page.items().stream().map(AuditRecordResponse::from).toList(),
                page.nextBeforeSeq() == null ? null : encodeCursor(page.nextBeforeSeq())), MediaType.APPLICATION_JSON)
                .build();
    }

    @POST
    @Path("/events")
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    // The document offers the array form only: generators cannot build a client type for "an object or an array of
    // them" (openapi-generator's Java output for that oneOf does not compile), and an array of one is always accepted.
    @RequestBody(required = true, description = "The events, at most 1000 (one event object on its own is accepted"
            + " too)", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AuditEventRequest.class,
                    minItems = 1, maxItems = AuditEventBatch.MAX_EVENTS)))
    @Operation(summary = "Ingest audit events from a Runway service", description = "One event object or an array "
            + "of them. Idempotent by eventId: a re-sent event is stored once. sourceService must be the calling client.")
    @APIResponse(responseCode = "201", description = "At least one event was stored now",
            content = @Content(schema = @Schema(implementation = AuditIngestResponse.class)))
    @APIResponse(responseCode = "200", description = "Every event had been stored before",
            content = @Content(schema = @Schema(implementation = AuditIngestResponse.class)))
    @APIResponse(responseCode = "400", description = "A malformed event")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a service, or an event of another service")
    public Response ingest(
            @Valid @NotNull(message = "must be an object or a non-empty array") AuditEventBatch body) {
        List<AuditAppendResult> results = ingestion.ingest(callingClient(),
                body.valid().stream().map(AuditEventRequest::toEntry).toList());
        boolean anyCreated = results.stream().anyMatch(AuditAppendResult::created);
        return Response.status(anyCreated ? Response.Status.CREATED : Response.Status.OK)
                .entity(new AuditIngestResponse(results.stream().map(r -> new AuditIngestResponse.Item(
                        r.record().eventId(), r.record().seq(), r.created())).toList()))
                .build();
    }

    @GET
    @Path("/verify")
    @RolesAllowed({ Roles.AUDITOR, Roles.PLATFORM_ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recompute the hash chain", description = "From the latest signed checkpoint, or from the "
            + "given one; reports ok or the first broken link.")
    @APIResponse(responseCode = "200", description = "The verification result (ok may be false)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Neither auditor nor platform-admin")
    @APIResponse(responseCode = "404", description = "No such checkpoint")
    public AuditVerificationResponse verify(@QueryParam("checkpoint") Long checkpointId) {
        return AuditVerificationResponse.from(verifier.verify(checkpointId));
    }

    @POST
    @Path("/prune")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Prune records past the retention period now", description = "Writes a signed checkpoint, "
            + "then deletes the covered records in batches (the scheduled job does the same).")
    @APIResponse(responseCode = "200", description = "What was pruned")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a platform-admin")
    public AuditPruneResponse prune() {
        return AuditPruneResponse.from(retention.pruneExpired());
    }

    private StreamingOutput export(AuditQuery query, boolean csv) {
        return out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (csv) {
                writer.write(AuditCsv.HEADER);
            }
            try {
                queries.export(query, r -> write(writer, r, csv));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
    }

    private void write(BufferedWriter writer, AuditRecordView r, boolean csv) {
        try {
            writer.write(csv ? AuditCsv.row(r) : json.writeValueAsString(AuditRecordResponse.from(r)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An ingested event's fields are named as JSON paths into the body ({@code $[1].outcome}), as the relays and the
     * audit log's operators read them, rather than as the common mapper's property paths.
     */
    @ServerExceptionMapper
    public Response malformedEvents(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            Object[] parameters = v.getExecutableParameters();
            AuditEventBatch batch = parameters != null && parameters.length == 1
                    && parameters[0] instanceof AuditEventBatch b ? b : null;
            violations.add(new Problem.Violation(batch == null ? "$" : batch.field(v.getPropertyPath()),
                    v.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        return ProblemResponses.response(ProblemResponses.problem(ProblemKind.INVALID_INPUT,
                "the audit events are malformed", uri.getPath(), violations));
    }

    private String callingClient() {
        String azp = token.getClaim("azp");
        if (azp != null) {
            return azp;
        }
        String name = identity.getPrincipal().getName();
        return name.startsWith(SERVICE_ACCOUNT_PREFIX) ? name.substring(SERVICE_ACCOUNT_PREFIX.length()) : name;
    }

    private static Instant instant(List<Problem.Violation> violations, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new Problem.Violation(name, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z"));
            return null;
        }
    }

    private static Long cursor(List<Problem.Violation> violations, String cursor) {
        try {
            return KeysetCursor.decode(cursor, CURSOR_LIST, 1, key -> Long.parseLong(key.get(0)));
        } catch (KeysetCursor.Invalid e) {
            violations.add(new Problem.Violation("cursor", "is not a cursor this API returned"));
            return null;
        }
    }

    private static String encodeCursor(long seq) {
        return KeysetCursor.encode(CURSOR_LIST, seq);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
