package dev.runway.catalog.insights.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.domain.EntityKind;
import dev.runway.catalog.insights.domain.ScorecardDefinition;
import dev.runway.catalog.insights.repository.InsightsRepository;
import dev.runway.catalog.insights.repository.InsightsRepository.Scope;
import dev.runway.catalog.insights.repository.ScorecardDefinitionRepository;
import dev.runway.catalog.insights.rest.dto.EntityScorecardView;
import dev.runway.catalog.insights.rest.dto.ScorecardDefinitionView;
import dev.runway.catalog.insights.rest.dto.ScorecardRollupView;
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
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final int MAX_RULES = 100;

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

    public record Saved(ScorecardDefinitionView view, boolean created) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ScorecardDefinitionView> list() {
        return definitions.listAll(io.quarkus.panache.common.Sort.by("id")).stream().map(this::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ScorecardDefinitionView get(String id) {
        return view(find(id));
    }

    @Transactional
    public Saved put(Caller caller, String id, String body) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidInputException("Invalid scorecard id.", List.of(new Problem.Violation("id",
                    "must be lower-case letters, digits and dashes, at most 63")));
        }
        JsonInput in = JsonInput.parse(json, body, Set.of("id", "title", "description", "appliesTo", "rules"));
        String bodyId = in.text("id", false, 63);
        if (bodyId != null && !bodyId.equals(id)) {
            in.violation("id", "must match the path (" + id + ") or be left out");
        }
        String title = in.text("title", true, 200);
        String description = in.text("description", false, 2000);
        List<String> kinds = kinds(in);
        List<ScorecardRule> rules = rules(in);
        in.throwIfInvalid("scorecard");
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
        return new Saved(view(row), created);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        ScorecardDefinition row = find(id);
        definitions.delete(row);
        audit.success(caller, "catalog.scorecard.delete", "scorecard:" + id, Map.of("version", row.version));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EntityScorecardView entity(String kind, String namespace, String name, String scorecardId) {
        ScorecardDefinition card = find(scorecardId == null || scorecardId.isBlank() ? DEFAULT_ID : scorecardId);
        EntityKind k = EntityKind.fromAnyCase(kind);
        if (k == null) {
            throw new ResourceNotFoundException("No entity kind " + kind + "; kinds are " + EntityKind.wireNames()
                    + ".");
        }
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
        return entityView(card, ScorecardEvaluator.evaluate(readRules(card), facts.get(0), Instant.now()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ScorecardRollupView team(String team, String scorecardId) {
        if (team == null || team.isBlank()) {
            throw new InvalidInputException("Name the team.", List.of(new Problem.Violation("team", "is required")));
        }
        List<Problem.Violation> violations = new ArrayList<>();
        String teamRef = DoraService.ref("team", team, "Group", "group", violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("Invalid team.", violations);
        }
        ScorecardDefinition card = find(scorecardId == null || scorecardId.isBlank() ? DEFAULT_ID : scorecardId);
        List<ScorecardRule> rules = readRules(card);
        String[] kinds = Arrays.stream(card.appliesTo).map(a -> a.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        Instant now = Instant.now();
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (ScorecardLevel l : ScorecardLevel.values()) {
            levels.put(l.wire(), 0);
        }
        Map<String, Integer> failing = new LinkedHashMap<>();
        List<ScorecardRollupView.EntityLevel> items = new ArrayList<>();
        for (EntityFacts f : insights.scorecardFacts(new Scope(Scope.Type.TEAM, teamRef), kinds)) {
            EntityScore score = ScorecardEvaluator.evaluate(rules, f, now);
            levels.merge(score.level().wire(), 1, Integer::sum);
            int failed = 0;
            for (RuleResult r : score.results()) {
                if (r.holdsBack()) {
                    failing.merge(r.rule().id(), 1, Integer::sum);
                    failed++;
                }
            }
            items.add(new ScorecardRollupView.EntityLevel(f.ref(), f.kind(), score.level().wire(), failed));
        }
        List<ScorecardRollupView.FailingRule> mostFailing = rules.stream().filter(r -> failing.containsKey(r.id()))
                .map(r -> new ScorecardRollupView.FailingRule(r.id(), r.description(), r.level().wire(),
                        r.check().wire(), failing.get(r.id())))
                .sorted(Comparator.comparingInt(ScorecardRollupView.FailingRule::failing).reversed()
                        .thenComparing(ScorecardRollupView.FailingRule::id))
                .toList();
        return new ScorecardRollupView(teamRef, new EntityScorecardView.ScorecardRef(card.id, card.title),
                items.size(), levels, mostFailing, items);
    }

    private ScorecardDefinition find(String id) {
        return definitions.findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("No scorecard " + id + "."));
    }

    private static List<String> kinds(JsonInput in) {
        JsonNode node = in.node("appliesTo");
        if (node == null || !node.isArray() || node.isEmpty()) {
            in.violation("appliesTo", "must be a non-empty array of kinds (" + EntityKind.wireNames() + ")");
            return List.of();
        }
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            EntityKind k = node.get(i).isTextual() ? EntityKind.fromAnyCase(node.get(i).asText()) : null;
            if (k == null) {
                in.violation("appliesTo[" + i + "]", "unknown kind; expected one of " + EntityKind.wireNames());
            } else if (!kinds.contains(k.wireName)) {
                kinds.add(k.wireName);
            }
        }
        return kinds;
    }

    private static List<ScorecardRule> rules(JsonInput in) {
        JsonNode node = in.node("rules");
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_RULES) {
            in.violation("rules", "must be an array of 1 to " + MAX_RULES + " rules");
            return List.of();
        }
        List<ScorecardRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String at = "rules[" + i + "]";
            if (!r.isObject()) {
                in.violation(at, "must be an object {id, description, level, check}");
                continue;
            }
            String id = r.path("id").asText("");
            String description = r.path("description").asText("").trim();
            var level = ScorecardLevel.ruleLevel(r.path("level").asText(""));
            var check = ScorecardCheck.fromWire(r.path("check").asText(""));
            boolean ok = true;
            if (!ID.matcher(id).matches()) {
                in.violation(at + ".id", "must be lower-case letters, digits and dashes, at most 63");
                ok = false;
            } else if (!ids.add(id)) {
                in.violation(at + ".id", "duplicate rule id " + id);
                ok = false;
            }
            if (description.isEmpty() || description.length() > 500) {
                in.violation(at + ".description", "must be a non-empty string of at most 500 characters");
                ok = false;
            }
            if (level.isEmpty()) {
                in.violation(at + ".level", "must be bronze, silver or gold");
                ok = false;
            }
            if (check.isEmpty()) {
                in.violation(at + ".check", "unknown check; expected one of " + ScorecardCheck.wireNames());
                ok = false;
            }
            if (ok) {
                rules.add(new ScorecardRule(id, description, level.get(), check.get()));
            }
        }
        return rules;
    }

    private String writeRules(List<ScorecardRule> rules) {
        List<ScorecardDefinitionView.Rule> stored = rules.stream().map(ScorecardService::ruleView).toList();
        try {
            return json.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stored rules were validated on write (or by the migration); the vocabulary only grows. */
    List<ScorecardRule> readRules(ScorecardDefinition card) {
        try {
            List<ScorecardDefinitionView.Rule> stored = json.readValue(card.rules, new TypeReference<>() {
            });
            return stored.stream().map(r -> new ScorecardRule(r.id(), r.description(),
                    ScorecardLevel.ruleLevel(r.level()).orElseThrow(),
                    ScorecardCheck.fromWire(r.check()).orElseThrow())).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored scorecard " + card.id + " is not readable", e);
        }
    }

    private ScorecardDefinitionView view(ScorecardDefinition row) {
        return new ScorecardDefinitionView(row.id, row.title, row.description, List.of(row.appliesTo),
                readRules(row).stream().map(ScorecardService::ruleView).toList(), row.version, row.updatedAt,
                row.updatedBy);
    }

    private static ScorecardDefinitionView.Rule ruleView(ScorecardRule r) {
        return new ScorecardDefinitionView.Rule(r.id(), r.description(), r.level().wire(), r.check().wire());
    }

    private static EntityScorecardView entityView(ScorecardDefinition card, EntityScore score) {
        List<EntityScorecardView.RuleVerdict> verdicts = score.results().stream()
                .map(r -> new EntityScorecardView.RuleVerdict(r.rule().id(), r.rule().description(),
                        r.rule().level().wire(), r.rule().check().wire(), r.status().wire(), !r.holdsBack(),
                        r.reason()))
                .toList();
        int passed = (int) score.results().stream().filter(r -> r.status() == ScorecardEvaluator.Status.PASSED).count();
        int failed = (int) score.results().stream().filter(RuleResult::holdsBack).count();
        return new EntityScorecardView(score.ref(), new EntityScorecardView.ScorecardRef(card.id, card.title),
                score.level().wire(), passed, failed, score.results().size() - passed - failed, verdicts);
    }
}
