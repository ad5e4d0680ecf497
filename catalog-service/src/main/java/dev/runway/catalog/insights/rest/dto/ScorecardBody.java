package dev.runway.catalog.insights.rest.dto;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.runway.catalog.insights.domain.ScorecardDefinition;
import dev.runway.common.json.TypeMessage;

/**
 * A scorecard definition ({@code PUT /api/v1/scorecard-definitions/{id}}); text trimmed. The id may be left out; that
 * it matches the path, that appliesTo is not empty (its message lists the kinds) and that rule ids are distinct are
 * the mapper's rules.
 */
public record ScorecardBody(
        @TypeMessage(Bodies.STRING) @Size(max = 63, message = "must be at most 63 characters") String id,
        @TypeMessage(Bodies.STRING) @NotNull(message = Bodies.REQUIRED)
        @Size(min = 1, message = Bodies.STRING) @Size(max = 200, message = "must be at most 200 characters")
        String title,
        @TypeMessage(Bodies.STRING)
        @Size(min = 1, message = Bodies.STRING) @Size(max = 2000, message = "must be at most 2000 characters")
        String description,
        @TypeMessage(value = "must be a non-empty array of kinds", element = "must be the name of a kind")
        List<@NotNull(message = "must be the name of a kind") @Known(Known.Vocabulary.ENTITY_KIND) String> appliesTo,
        @TypeMessage(value = ScorecardBody.RULES, element = ScorecardBody.RULE)
        @NotNull(message = ScorecardBody.RULES)
        @Size(min = 1, max = ScorecardBody.MAX_RULES, message = ScorecardBody.RULES)
        List<@NotNull(message = ScorecardBody.RULE_TEMPLATE) @Valid RuleBody> rules) {

    public static final int MAX_RULES = 100;
    static final String RULES = "must be an array of 1 to " + MAX_RULES + " rules";
    static final String RULE = "must be an object {id, description, level, check}";
    /** {@link #RULE} as a Bean Validation message, where braces name parameters. */
    static final String RULE_TEMPLATE = "must be an object \\{id, description, level, check\\}";

    public ScorecardBody {
        id = Bodies.trim(id);
        title = Bodies.trim(title);
        description = Bodies.trim(description);
    }

    /** One rule of a scorecard. */
    public record RuleBody(
            @TypeMessage(RuleBody.RULE_ID) @NotNull(message = RuleBody.RULE_ID)
            @Pattern(regexp = ScorecardDefinition.ID_FORMAT, message = RuleBody.RULE_ID) String id,
            @TypeMessage(RuleBody.DESCRIPTION) @NotNull(message = RuleBody.DESCRIPTION)
            @Size(min = 1, max = 500, message = RuleBody.DESCRIPTION)
            String description,
            @TypeMessage(RuleBody.LEVEL) @NotNull(message = RuleBody.LEVEL) @Known(Known.Vocabulary.RULE_LEVEL)
            String level,
            @TypeMessage(Bodies.STRING) @Known(value = Known.Vocabulary.CHECK, required = true) String check) {

        static final String RULE_ID = "must be lower-case letters, digits and dashes, at most 63";
        static final String DESCRIPTION = "must be a non-empty string of at most 500 characters";
        static final String LEVEL = "must be bronze, silver or gold";

        public RuleBody {
            description = Bodies.trim(description);
        }
    }
}
