package dev.runway.catalog.insights.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.domain.EntityKind;
import dev.runway.catalog.insights.domain.ScorecardDefinition;
import dev.runway.catalog.insights.repository.InsightsRepository;
import dev.runway.catalog.insights.repository.InsightsRepository.Scope;
import dev.runway.catalog.insights.repository.ScorecardDefinitionRepository;
import dev.runway.catalog.insights.scorecard.EntityFacts;
import dev.runway.catalog.insights.scorecard.ScorecardCheck;
import dev.runway.catalog.insights.scorecard.ScorecardEvaluator;
import dev.runway.catalog.insights.scorecard.ScorecardEvaluator.EntityScore;
import dev.runway.catalog.insights.scorecard.ScorecardEvaluator.RuleResult;
import dev.runway.catalog.insights.scorecard.ScorecardLevel;
import dev.runway.catalog.insights.scorecard.ScorecardRule;
import dev.runway.common.audit.AuditTrail;
import dev.runway.common.catalog.EntityRef;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.security.Caller;

/**
 * Scorecard definitions (data, edited by platform-admins) and their evaluation: the facts of every entity in
 * question come from one set-based query ({@link InsightsRepository#scorecardFacts}), the rules are applied in
 * memory by the pure {@link ScorecardEvaluator}.
 */
@ApplicationScoped
public class ScorecardService {
    public static final String DEFAULT_ID = "default";

    private final ScorecardDefinitionRepository definitions;
    private final InsightsRepository insights;
    private final AuditTrail audit;
    private final ObjectMapper json;

    public ScorecardService(ScorecardDefinitionRepository definitions, InsightsRepository insights, AuditTrail audit,
            ObjectMapper json) {
        this.definitions = definitions;
        this.insights = insights;
        this.audit = audit;
        this.json = json;
    }

    /** A stored definition with its rules read. */
    public record Scorecard(ScorecardDefinition definition, List<ScorecardRule> rules) {
    }

    /** One entity's verdicts against one scorecard. */
    public record EntityScorecard(ScorecardDefinition card, EntityScore score) {
    }

    /**
     * A team's entities against one scorecard: how many reached each level (every level named, lowest first), the
     * rules holding entities back with how many (most first), and each entity's score.
     */
    public record TeamRollup(String team, ScorecardDefinition card, Map<ScorecardLevel, Integer> levels,
            List<RuleFailures> failingRules, List<EntityScore> scores) {
    }

    public record RuleFailures(ScorecardRule rule, int failing) {
    }

    /** A rule as stored in the definition's JSON column: the wire names of level and check. */
    record StoredRule(String id, String description, String level, String check) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Scorecard> list() {
        return definitions.listAll(io.quarkus.panache.common.Sort.by("id")).stream().map(this::scorecard).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Scorecard get(String id) {
        return scorecard(find(id));
    }

    @Transactional
    public Recorded<Scorecard> put(Caller caller, String id, ScorecardDraft draft) {
        String title = draft.title();
        String description = draft.description();
        List<String> kinds = draft.appliesTo();
        List<ScorecardRule> rules = draft.rules();
        ScorecardDefinition row = definitions.findByIdOptional(id).orElse(null);
        boolean created = row == null;
        if (created) {
            row = new ScorecardDefinition();
            row.id = id;
        }
        row.title = title;
        row.description = description;
        row.appliesTo = kinds.toArray(String[]::new);
        row.rules = writeRules(rules);
        row.version++;
        row.updatedAt = Instant.now();
        row.updatedBy = caller.username();
        if (created) {
            definitions.persist(row);
        }
        audit.success(caller, "catalog.scorecard." + (created ? "create" : "update"), "scorecard:" + id,
                Map.of("version", row.version, "rules", rules.size()));
        return new Recorded<>(new Scorecard(row, rules), created);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        ScorecardDefinition row = find(id);
        definitions.delete(row);
        audit.success(caller, "catalog.scorecard.delete", "scorecard:" + id, Map.of("version", row.version));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EntityScorecard entity(String kind, String namespace, String name, String scorecardId) {
        ScorecardDefinition card = find(scorecardId == null || scorecardId.isBlank() ? DEFAULT_ID : scorecardId);
        EntityKind k = EntityKind.fromPath(kind);
        String ref = new EntityRef(k.wireName, namespace, name).canonical();
        if (Arrays.stream(card.appliesTo).noneMatch(a -> a.equalsIgnoreCase(k.wireName))) {
            throw new ResourceNotFoundException("Scorecard " + card.id + " does not apply to " + k.wireName
                    + " entities (it applies to " + String.join(", ", card.appliesTo) + ").");
        }
        List<EntityFacts> facts = insights.scorecardFacts(new Scope(Scope.Type.ENTITY, ref),
                new String[] { k.wireName.toLowerCase(Locale.ROOT) });
        if (facts.isEmpty()) {
            throw new ResourceNotFoundException("No entity " + ref + ".");
        }
        return new EntityScorecard(card, ScorecardEvaluator.evaluate(readRules(card), facts.get(0), Instant.now()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TeamRollup team(String team, String scorecardId) {
        if (team == null || team.isBlank()) {
            throw new InvalidInputException("Name the team.", List.of(new Problem.Violation("team", "is required")));
        }
        List<Problem.Violation> violations = new ArrayList<>();
        String teamRef = QueryParameters.ref("team", team, "Group", "group", violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("Invalid team.", violations);
        }
        ScorecardDefinition card = find(scorecardId == null || scorecardId.isBlank() ? DEFAULT_ID : scorecardId);
        List<ScorecardRule> rules = readRules(card);
        String[] kinds = Arrays.stream(card.appliesTo).map(a -> a.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        Instant now = Instant.now();
        Map<ScorecardLevel, Integer> levels = new LinkedHashMap<>();
        for (ScorecardLevel l : ScorecardLevel.values()) {
            levels.put(l, 0);
        }
        Map<String, Integer> failing = new LinkedHashMap<>();
        List<EntityScore> scores = new ArrayList<>();
        for (EntityFacts f : insights.scorecardFacts(new Scope(Scope.Type.TEAM, teamRef), kinds)) {
            EntityScore score = ScorecardEvaluator.evaluate(rules, f, now);
            levels.merge(score.level(), 1, Integer::sum);
            for (RuleResult r : score.results()) {
                if (r.holdsBack()) {
                    failing.merge(r.rule().id(), 1, Integer::sum);
                }
            }
            scores.add(score);
        }
        List<RuleFailures> mostFailing = rules.stream().filter(r -> failing.containsKey(r.id()))
                .map(r -> new RuleFailures(r, failing.get(r.id())))
                .sorted(Comparator.comparingInt(RuleFailures::failing).reversed()
                        .thenComparing(f -> f.rule().id()))
                .toList();
        return new TeamRollup(teamRef, card, levels, mostFailing, scores);
    }

    private ScorecardDefinition find(String id) {
        return definitions.findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("No scorecard " + id + "."));
    }

    private String writeRules(List<ScorecardRule> rules) {
        List<StoredRule> stored = rules.stream()
                .map(r -> new StoredRule(r.id(), r.description(), r.level().wire(), r.check().wire())).toList();
        try {
            return json.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stored rules were validated on write (or by the migration); the vocabulary only grows. */
    List<ScorecardRule> readRules(ScorecardDefinition card) {
        try {
            List<StoredRule> stored = json.readValue(card.rules, new TypeReference<>() {
            });
            return stored.stream().map(r -> new ScorecardRule(r.id(), r.description(),
                    ScorecardLevel.ruleLevel(r.level()).orElseThrow(),
                    ScorecardCheck.fromWire(r.check()).orElseThrow())).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored scorecard " + card.id + " is not readable", e);
        }
    }

    private Scorecard scorecard(ScorecardDefinition row) {
        return new Scorecard(row, readRules(row));
    }
}
