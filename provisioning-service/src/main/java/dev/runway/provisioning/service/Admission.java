package dev.runway.provisioning.service;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.common.error.ConflictException;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.UnprocessableException;
import dev.runway.common.security.Caller;
import dev.runway.provisioning.config.ProvisioningConfig;
import dev.runway.provisioning.domain.ComponentRef;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.driver.DatabaseDriver;
import dev.runway.provisioning.driver.DatabaseNames;
import dev.runway.provisioning.policy.ProvisioningPolicy;
import dev.runway.provisioning.repository.ProvisioningRequestRepository;
import dev.runway.provisioning.template.DatabaseParameters;
import dev.runway.provisioning.template.EnvironmentParameters;
import dev.runway.provisioning.template.Template;
import dev.runway.provisioning.template.TemplateCatalog;

/**
 * Decides whether a new request may be accepted and what it is, in three rounds, cheapest first:
 * <ol>
 * <li>what the body alone decides, locally: the template exists and offers this, the parameters fit its schema, the
 * TTL its bounds, the engine has a server, the environment is live (400 or 422);
 * <li>the remote policy question, whether the caller may request for the team (403); a database's team is its
 * environment's, and a team the body names that is not (422) is checked right after the question about it;
 * <li>the team's state, under the team's lock so that two requests cannot both take the last place: the count and
 * resource quotas and the name (409 or 422). These come after the policy question because their answers describe
 * the team, which a caller who may not request for it is not told.
 * </ol>
 * The first two rounds run before any transaction is open ({@link #environment}, {@link #database}): the policy
 * question is a remote call, and no lock may be held across it. The third ({@link #admit}) runs in the transaction
 * that writes the request.
 * A new rule goes into the round whose cost and disclosure it shares; every kind passes the same rounds.
 */
@ApplicationScoped
public class Admission {
    private final ProvisioningRequestRepository requests;
    private final TemplateCatalog templates;
    private final ProvisioningPolicy policy;
    private final ProvisioningConfig config;

    public Admission(ProvisioningRequestRepository requests, TemplateCatalog templates, ProvisioningPolicy policy,
            ProvisioningConfig config) {
        this.requests = requests;
        this.templates = templates;
        this.policy = policy;
        this.config = config;
    }

    /** Rounds one and two for an environment; the third is {@link #admit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ProvisioningRequest.Draft environment(Caller caller, NewEnvironment cmd, Instant now) {
        List<Problem.Violation> violations = new ArrayList<>();
        Template template = template(cmd.template(), Template.Kind.ENVIRONMENT, "$.template", violations);
        Map<String, Object> parameters = template == null ? Map.of()
                : templates.resolve(template, cmd.parameters(), violations);
        Duration ttl = template == null ? null : ttl(template, cmd.ttl(), violations);
        reject(violations);
        EnvironmentParameters typed = EnvironmentParameters.of(parameters);

        RequestAccess.require(policy.mayRequest(caller, RequestKind.ENVIRONMENT, cmd.team(), template.id()),
                "you may not request environments for team '" + cmd.team() + "'");

        String namespace = cmd.team() + "-" + cmd.name();
        return new ProvisioningRequest.Draft(RequestKind.ENVIRONMENT, cmd.name(), cmd.team(), template.id(),
                template.version(), parameters, typed.cpuMillis(), typed.memoryMib(), namespace, namespace, null, null,
                ComponentRef.parse(cmd.component()), ttl == null ? null : now.plus(ttl),
                template.approvalRequired());
    }

    /** Rounds one and two for a database; the third is {@link #admit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ProvisioningRequest.Draft database(Caller caller, NewDatabase cmd) {
        List<Problem.Violation> violations = new ArrayList<>();
        Template template = template(cmd.engine(), Template.Kind.DATABASE, "$.engine", violations);
        Map<String, Object> parameters = Map.of();
        if (template != null) {
            ObjectNode given = JsonNodeFactory.instance.objectNode();
            if (cmd.plan() != null) {
                given.put(DatabaseParameters.PLAN, cmd.plan());
            }
            List<Problem.Violation> planViolations = new ArrayList<>();
            parameters = templates.resolve(template, given, planViolations);
            planViolations.forEach(v -> violations.add(new Problem.Violation(
                    v.field().replace("$.parameters." + DatabaseParameters.PLAN, "$.plan"), v.message())));
        }
        reject(violations);
        if (!templates.available(template)) {
            throw new UnprocessableException(DatabaseDriver.noServer(template.id()),
                    List.of(new Problem.Violation("$.engine", DatabaseDriver.noServer(template.id()))));
        }
        Template.Plan plan = DatabaseParameters.of(parameters).limits(template);
        ProvisioningRequest environment = requests.findByIdOptional(cmd.environment())
                .filter(e -> e.kind() == RequestKind.ENVIRONMENT && e.live())
                .orElseThrow(() -> new UnprocessableException("no live environment with this id",
                        List.of(new Problem.Violation("$.environment", "must be a live environment of the team"))));
        // The database belongs to its environment's team. A team named in the request is asked about first, so that
        // a caller who may not request for it is refused as before (403) and is not told whose environment it is;
        // one who may, learns that it is not the environment's team (422).
        String team = environment.team();
        String asked = cmd.team() == null ? team : cmd.team();
        RequestAccess.require(policy.mayRequest(caller, RequestKind.DATABASE, asked, null),
                "you may not request databases for team '" + asked + "'");
        if (!asked.equals(team)) {
            throw new UnprocessableException("the environment does not belong to team '" + asked + "'",
                    List.of(new Problem.Violation("$.team", "must be the environment's team, or left out")));
        }

        String physical = DatabaseNames.physical(team, cmd.name());
        // A database lives as long as its environment: the reaper removes both when the environment expires.
        return new ProvisioningRequest.Draft(RequestKind.DATABASE, cmd.name(), team, template.id(), template.version(),
                parameters, plan.cpuMillis(), plan.memoryMib(), physical, environment.namespace(), environment.id(),
                "db-" + physical.replace('_', '-'), ComponentRef.parse(cmd.component()), environment.expiresAt(),
                template.approvalRequired());
    }

    /**
     * Round three: the team's quotas and names, checked under the team's lock, which the accepting transaction keeps
     * until the request is written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void admit(ProvisioningRequest.Draft draft) {
        teamHasRoom(draft.kind(), draft.team(), draft.name(), draft.physicalName(), draft.cpuMillis(),
                draft.memoryMib());
    }

    private void teamHasRoom(RequestKind kind, String team, String name, String physical, int cpu, int memory) {
        requests.lock("team:" + team);
        String kindName = kind.name().toLowerCase();
        int live = requests.live(team, kind).size();
        int quota = kind == RequestKind.ENVIRONMENT ? config.quota().environments() : config.quota().databases();
        if (live >= quota) {
            throw new ConflictException("team '" + team + "' already has " + live + " " + kindName
                    + "s, its quota is " + quota);
        }
        resourceQuota(team, cpu, memory);
        if (requests.physicalNameTaken(kind, physical)) {
            throw new ConflictException("a" + (kind == RequestKind.ENVIRONMENT ? "n " : " ") + kindName + " named '"
                    + name + "' already exists for team '" + team + "'");
        }
    }

    private void resourceQuota(String team, int cpu, int memory) {
        int usedCpu = 0;
        int usedMemory = 0;
        for (RequestKind k : RequestKind.values()) {
            for (ProvisioningRequest r : requests.live(team, k)) {
                usedCpu += r.cpuMillis();
                usedMemory += r.memoryMib();
            }
        }
        List<Problem.Violation> violations = new ArrayList<>();
        if (usedCpu + cpu > config.quota().cpuMillis()) {
            violations.add(new Problem.Violation("$.parameters.cpuMillis", "team '" + team + "' uses " + usedCpu
                    + " of " + config.quota().cpuMillis() + " millicores; " + cpu + " more do not fit"));
        }
        if (usedMemory + memory > config.quota().memoryMib()) {
            violations.add(new Problem.Violation("$.parameters.memoryMiB", "team '" + team + "' uses "
                    + usedMemory + " of " + config.quota().memoryMib() + " MiB; " + memory + " more do not fit"));
        }
        if (!violations.isEmpty()) {
            throw new UnprocessableException("the team's quota does not allow this request", violations);
        }
    }

    private Template template(String id, Template.Kind kind, String field, List<Problem.Violation> violations) {
        Optional<Template> t = templates.find(id).filter(x -> x.kind() == kind);
        if (t.isEmpty()) {
            violations.add(new Problem.Violation(field, "unknown " + kind.name().toLowerCase() + " template '"
                    + id + "'; see GET /api/v1/templates"));
        }
        return t.orElse(null);
    }

    /** The TTL of {@code text} for a template, or its default; violations name {@code $.ttl}. */
    static Duration ttl(Template template, String text, List<Problem.Violation> violations) {
        String field = "$.ttl";
        if (template.ttl() == null) {
            if (text != null) {
                violations.add(new Problem.Violation(field, "template '" + template.id() + "' has no TTL"));
            }
            return null;
        }
        if (text == null) {
            return template.ttl().defaultTtl();
        }
        try {
            Duration ttl = Duration.parse(text);
            if (ttl.isNegative() || ttl.isZero()) {
                violations.add(new Problem.Violation(field, "must be positive"));
            } else if (ttl.compareTo(template.ttl().max()) > 0) {
                violations.add(new Problem.Violation(field, "must be at most " + template.ttl().max()));
            }
            return ttl;
        } catch (DateTimeParseException e) {
            violations.add(new Problem.Violation(field, "must be an ISO-8601 duration such as PT24H or P3D"));
            return null;
        }
    }

    static void reject(List<Problem.Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException("the request is invalid", violations);
        }
    }
}
