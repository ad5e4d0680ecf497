package dev.runway.catalog.insights.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.domain.EntityKind;
import dev.runway.catalog.insights.scorecard.ScorecardCheck;
import dev.runway.catalog.insights.service.NewDeployment;
import dev.runway.catalog.insights.service.NewIncident;
import dev.runway.catalog.insights.service.ScorecardDraft;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.json.JsonBodies;

/** The words of the insights' 400s, which the resource tests check only by field. */
class RequestReaderTest {
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final RequestReader READER =
            new RequestReader(new JsonBodies(new ObjectMapper(), VALIDATION.getValidator()));

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void aDeploymentIsNormalised() {
        NewDeployment d = READER.deployment("""
                {"entityRef": " payments ", "environment": "Production", "version": "1.2", "status": "SUCCESS",
                 "startedAt": "2026-01-01T10:00:00.1234567+01:00", "finishedAt": "2026-01-01T09:30:00Z",
                 "commitTimes": ["2026-01-01T08:00:00Z", "2026-01-01T07:00:00Z", "2026-01-01T08:00:00Z"],
                 "externalId": "ci-1"}""");
        assertEquals("payments", d.entityRef());
        assertEquals("production", d.environment());
        assertEquals("success", d.status());
        assertEquals(Instant.parse("2026-01-01T09:00:00.123456Z"), d.startedAt());
        assertEquals(List.of(Instant.parse("2026-01-01T07:00:00Z"), Instant.parse("2026-01-01T08:00:00Z")),
                d.commitTimes());
        assertEquals(false, d.rework());
    }

    @Test
    void aBadDeploymentIsDescribedFieldByField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> READER.deployment("""
                {"entityRef": "x", "environment": "Prod uction", "startedAt": "yesterday",
                 "finishedAt": "2026-01-01T00:00:00Z", "status": "done", "rework": "yes", "externalId": "no spaces",
                 "commitTimes": ["2026-01-02T00:00:00Z", 5], "surprise": 1}"""));
        assertEquals("The deployment has 9 invalid field(s).", e.getMessage());
        assertEquals(Map.of(
                "$.surprise", "unknown field; expected one of commitSha, commitTimes, entityRef, environment, "
                        + "externalId, finishedAt, firstCommitAt, rework, startedAt, status, version",
                "$.environment", "must be letters, digits, . _ - (e.g. production)",
                "$.version", "is required",
                "$.startedAt", "must be an ISO-8601 instant with offset, e.g. 2026-11-21T10:15:30Z",
                "$.status", "must be success, failure or rolled_back",
                "$.rework", "must be true or false",
                "$.externalId", "must start with a letter or digit and contain only letters, digits and . _ : @ + -",
                "$.commitTimes[1]", "must be an ISO-8601 instant",
                "$.commitTimes", "a commit cannot be younger than the deployment that shipped it "
                        + "(finishedAt 2026-01-01T00:00:00Z)"), byField(e));
    }

    @Test
    void anIncidentsSeverityIsTheDomains() {
        NewIncident i = READER.incident("""
                {"entityRef": "payments", "severity": "SEV-2", "openedAt": "2026-01-01T00:00:00Z",
                 "externalId": "i1"}""");
        assertEquals("sev2", i.severity());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> READER.incident("""
                {"entityRef": "", "severity": "critical", "openedAt": "2026-01-02T00:00:00Z",
                 "resolvedAt": "2026-01-01T00:00:00Z", "externalId": "i1", "causedByDeployment": 7}"""));
        assertEquals(Map.of("$.entityRef", "must be a non-empty string",
                "$.severity", "must be sev1 (most severe), sev2, sev3 or sev4",
                "$.resolvedAt", "must not be before openedAt",
                "$.causedByDeployment", "must be a non-empty string"), byField(e));
        assertEquals(Map.of("$.resolvedAt", "is required"),
                byField(assertThrows(InvalidInputException.class, () -> READER.resolvedAt("{}"))));
    }

    @Test
    void aScorecardNamesEachRule() {
        ScorecardDraft draft = READER.scorecard("card", """
                {"id": "card", "title": "t", "appliesTo": ["component", "Component", "API"],
                 "rules": [{"id": "a", "description": " d ", "level": "Gold", "check": "HAS_TAGS"}]}""");
        assertEquals(List.of("Component", "API"), draft.appliesTo());
        assertEquals("d", draft.rules().get(0).description());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> READER.scorecard("card", """
                {"id": "other", "title": "x", "appliesTo": ["Widget", 3],
                 "rules": [{"id": "a", "description": "d", "level": "platinum", "check": "is_awesome"},
                           {"id": "a", "description": "", "level": "gold", "check": "has_tags"}, 5, null]}"""));
        assertEquals(Map.of("$.id", "must match the path (card) or be left out",
                "$.appliesTo[0]", "unknown kind; expected one of " + EntityKind.wireNames(),
                "$.appliesTo[1]", "must be the name of a kind",
                "$.rules[0].level", "must be bronze, silver or gold",
                "$.rules[0].check", "unknown check; expected one of " + ScorecardCheck.wireNames(),
                "$.rules[1].id", "duplicate rule id a",
                "$.rules[1].description", "must be a non-empty string of at most 500 characters",
                "$.rules[2]", "must be an object {id, description, level, check}",
                "$.rules[3]", "must be an object {id, description, level, check}"), byField(e));
        assertEquals(Map.of("$.appliesTo", "must be a non-empty array of kinds (" + EntityKind.wireNames() + ")",
                "$.rules", "must be an array of 1 to 100 rules"), byField(assertThrows(InvalidInputException.class,
                        () -> READER.scorecard("card", "{\"title\": \"t\", \"appliesTo\": [], \"rules\": []}"))));
    }

    private static Map<String, String> byField(InvalidInputException e) {
        Map<String, String> byField = new TreeMap<>();
        for (Problem.Violation v : e.violations()) {
            assertEquals(null, byField.put(v.field(), v.message()), v.field() + " named twice");
        }
        return byField;
    }
}
