package dev.runway.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;

class JsonBodiesTest {
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final JsonBodies BODIES = new JsonBodies(new ObjectMapper(), VALIDATION.getValidator());

    record Rule(@NotBlank(message = "is required") String id,
            @Pattern(regexp = "bronze|gold", message = "must be bronze or gold") String level) {
    }

    record Card(
            @NotBlank(message = "is required") String title,
            @TypeMessage("must be true or false") Boolean draft,
            @TypeMessage(value = "must be an array of instants", element = "must be an ISO-8601 instant")
            List<Instant> times,
            Instant startedAt,
            @NotEmpty(message = "must not be empty")
            List<@Pattern(regexp = "[a-z]+", message = "must be a word") String> tags,
            @TypeMessage(value = "must be an array of rules", element = "must be a rule object")
            @NotNull(message = "is required") @Valid List<Rule> rules) {
    }

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void readsAValidBody() {
        Card card = BODIES.read("""
                {"title": "t", "draft": true, "times": ["2026-11-21T10:15:30+01:00"],
                 "startedAt": "2026-11-21T10:15:30Z", "tags": ["a"], "rules": [{"id": "r", "level": "gold"}]}""",
                Card.class, "card");
        assertEquals(Instant.parse("2026-11-21T09:15:30Z"), card.times().get(0));
        assertEquals("gold", card.rules().get(0).level());
        assertEquals(true, card.draft());
    }

    @Test
    void namesEveryWrongFieldAsAJsonPath() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BODIES.read("""
                {"title": 7, "draft": "yes", "times": ["2026-11-21T10:15:30Z", 5, "yesterday"], "startedAt": 1700000000,
                 "tags": ["a", "B"], "surprise": {"deep": [1]},
                 "rules": [{"id": "r", "level": "platinum"}, {"id": " ", "level": "gold", "extra": 1}, "no"]}""",
                Card.class, "card"));
        assertEquals("The card has 11 invalid field(s).", e.getMessage());
        Map<String, String> byField = byField(e.violations());
        assertEquals(Map.ofEntries(
                Map.entry("$.title", "must be a string"),
                Map.entry("$.draft", "must be true or false"),
                Map.entry("$.times[1]", "must be an ISO-8601 instant"),
                Map.entry("$.times[2]", "must be an ISO-8601 instant"),
                Map.entry("$.startedAt", "must be an ISO-8601 instant with offset, e.g. 2026-11-21T10:15:30Z"),
                Map.entry("$.tags[1]", "must be a word"),
                Map.entry("$.surprise", "unknown field; expected one of draft, rules, startedAt, tags, times, title"),
                Map.entry("$.rules[0].level", "must be bronze or gold"),
                Map.entry("$.rules[1].id", "is required"),
                Map.entry("$.rules[1].extra", "unknown field; expected one of id, level"),
                Map.entry("$.rules[2]", "must be a rule object")), byField);
    }

    @Test
    void unknownFieldsAreNamedWhereverTheyStand() {
        // Jackson replays unknown fields met before a record's last component from a buffer; the path must not suffer.
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BODIES.read("""
                {"early": 1, "title": "t", "tags": ["a"], "rules": [
                  {"before": 1, "id": "r", "level": "gold"},
                  {"level": "gold", "between": [1], "id": "r", "after": {"x": 1}}], "late": 2}""",
                Card.class, "card"));
        assertEquals(List.of("$.early", "$.late", "$.rules[0].before", "$.rules[1].after", "$.rules[1].between"),
                List.copyOf(byField(e.violations()).keySet()));
    }

    @Test
    void aMistypedFieldIsNotAlsoMissing() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BODIES.read("{\"title\": [\"x\"], \"tags\": [\"a\"], \"rules\": {}}", Card.class, "card"));
        assertEquals(Map.of("$.title", "must be a string", "$.rules", "must be an array of rules"),
                byField(e.violations()));
    }

    @Test
    void crossFieldRulesJoinTheSameAnswer() {
        JsonBodies.Read<Card> read = BODIES.readAll("{\"title\": \"t\", \"tags\": [], \"rules\": []}", Card.class,
                "card");
        assertTrue(read.named("$.tags"));
        read.violation("$.rules", "must hold a gold rule");
        InvalidInputException e = assertThrows(InvalidInputException.class, read::orThrow);
        assertEquals(Map.of("$.tags", "must not be empty", "$.rules", "must hold a gold rule"),
                byField(e.violations()));
    }

    @Test
    void aBodyThatIsNoObjectIsRefusedWhole() {
        for (String body : new String[] {"", "[1]", "\"x\"", "{", "{\"title\": }"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> BODIES.read(body, Card.class, "card"), body);
            assertEquals(List.of("$"), e.violations().stream().map(Problem.Violation::field).toList(), body);
        }
    }

    private static Map<String, String> byField(List<Problem.Violation> violations) {
        Map<String, String> byField = new TreeMap<>();
        violations.forEach(v -> assertEquals(null, byField.put(v.field(), v.message()), v.field() + " named twice"));
        return byField;
    }
}
