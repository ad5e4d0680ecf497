package dev.runway.catalog.insights.mapping;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.insights.domain.Deployment;
import dev.runway.catalog.insights.domain.Incident;
import dev.runway.catalog.insights.domain.ScorecardDefinition;
import dev.runway.catalog.insights.dora.DoraCalculator;
import dev.runway.catalog.insights.rest.dto.DeploymentView;
import dev.runway.catalog.insights.rest.dto.DoraView;
import dev.runway.catalog.insights.rest.dto.EntityScorecardView;
import dev.runway.catalog.insights.rest.dto.IncidentView;
import dev.runway.catalog.insights.rest.dto.ScorecardDefinitionView;
import dev.runway.catalog.insights.rest.dto.ScorecardRollupView;
import dev.runway.catalog.insights.scorecard.ScorecardEvaluator;
import dev.runway.catalog.insights.scorecard.ScorecardEvaluator.EntityScore;
import dev.runway.catalog.insights.scorecard.ScorecardEvaluator.RuleResult;
import dev.runway.catalog.insights.scorecard.ScorecardRule;
import dev.runway.catalog.insights.service.DoraService;
import dev.runway.catalog.insights.service.ScorecardService;

/** The insights services' results to API views. */
@ApplicationScoped
public class InsightsMapper {

    public DeploymentView view(Deployment d) {
        return new DeploymentView(d.id.toString(), d.externalId, d.entityRef, d.environment, d.version, d.commitSha,
                List.of(d.commitTimes), d.firstCommitAt, d.startedAt, d.finishedAt, d.status, d.rework,
                d.leadTimeSeconds(), d.recordedAt, d.recordedBy);
    }

    public IncidentView view(Incident i) {
        return new IncidentView(i.id.toString(), i.externalId, i.entityRef, i.severity, i.openedAt, i.resolvedAt,
                i.resolvedAt == null, i.resolvedAt == null ? null : Duration.between(i.openedAt, i.resolvedAt)
                        .getSeconds(), i.causedByDeployment, i.recordedAt, i.recordedBy, i.resolvedBy);
    }

    public DoraView view(DoraService.Report r) {
        DoraCalculator.Metrics m = r.metrics();
        return new DoraView(new DoraView.Scope(r.scope().type().name().toLowerCase(Locale.ROOT), r.scope().ref(),
                r.entities()), r.window(), r.environment(), r.from(), r.to(), m.deploymentFrequency(), m.leadTime(),
                m.changeFailureRate(), m.timeToRestore(), m.reworkRate(), m.series());
    }

    public ScorecardDefinitionView view(ScorecardService.Scorecard s) {
        ScorecardDefinition row = s.definition();
        return new ScorecardDefinitionView(row.id, row.title, row.description, List.of(row.appliesTo),
                s.rules().stream().map(InsightsMapper::ruleView).toList(), row.version, row.updatedAt,
                row.updatedBy);
    }

    public EntityScorecardView view(ScorecardService.EntityScorecard s) {
        EntityScore score = s.score();
        List<EntityScorecardView.RuleVerdict> verdicts = score.results().stream()
                .map(r -> new EntityScorecardView.RuleVerdict(r.rule().id(), r.rule().description(),
                        r.rule().level().wire(), r.rule().check().wire(), r.status().wire(), !r.holdsBack(),
                        r.reason()))
                .toList();
        int passed = (int) score.results().stream().filter(r -> r.status() == ScorecardEvaluator.Status.PASSED).count();
        int failed = failed(score);
        return new EntityScorecardView(score.ref(), ref(s.card()), score.level().wire(), passed, failed,
                score.results().size() - passed - failed, verdicts);
    }

    public ScorecardRollupView view(ScorecardService.TeamRollup rollup) {
        Map<String, Integer> levels = new LinkedHashMap<>();
        rollup.levels().forEach((level, count) -> levels.put(level.wire(), count));
        List<ScorecardRollupView.FailingRule> failingRules = rollup.failingRules().stream()
                .map(f -> new ScorecardRollupView.FailingRule(f.rule().id(), f.rule().description(),
                        f.rule().level().wire(), f.rule().check().wire(), f.failing()))
                .toList();
        List<ScorecardRollupView.EntityLevel> items = rollup.scores().stream()
                .map(score -> new ScorecardRollupView.EntityLevel(score.ref(), score.kind(), score.level().wire(),
                        failed(score)))
                .toList();
        return new ScorecardRollupView(rollup.team(), ref(rollup.card()), items.size(), levels, failingRules, items);
    }

    private static int failed(EntityScore score) {
        return (int) score.results().stream().filter(RuleResult::holdsBack).count();
    }

    private static EntityScorecardView.ScorecardRef ref(ScorecardDefinition card) {
        return new EntityScorecardView.ScorecardRef(card.id, card.title);
    }

    private static ScorecardDefinitionView.Rule ruleView(ScorecardRule r) {
        return new ScorecardDefinitionView.Rule(r.id(), r.description(), r.level().wire(), r.check().wire());
    }
}
