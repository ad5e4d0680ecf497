package dev.runway.catalog.rest.dto;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import dev.runway.common.json.TypeMessage;

/**
 * A custom kind ({@code PUT /api/v1/kinds/{kind}}; the kind's name is the path). That the apiVersions are well
 * formed, the schema is draft-07 and compiles, and the reference fields are distinct are the mapper's rules.
 */
public record KindBody(
        @TypeMessage(KindBody.STRING) @Size(min = 1, max = 2000, message = "must be a non-empty string of at most"
                + " 2000 characters") String description,
        @TypeMessage(value = KindBody.API_VERSIONS, element = KindBody.STRING)
        @NotNull(message = KindBody.API_VERSIONS) @Size(min = 1, max = 20, message = KindBody.API_VERSIONS)
        List<@NotNull(message = KindBody.STRING) String> apiVersions,
        @NotNull(message = "is required: a draft-07 JSON Schema for spec") JsonNode specSchema,
        @TypeMessage(value = KindBody.RELATIONS, element = KindBody.RELATION)
        @Size(max = 50, message = KindBody.RELATIONS)
        List<@NotNull(message = KindBody.RELATION_TEMPLATE) @Valid RelationBody> relations) {

    static final String STRING = "must be a non-empty string";
    static final String API_VERSIONS = "must be an array of 1 to 20 apiVersions, e.g. [\"example.com/v1\"]";
    static final String RELATIONS = "must be an array of at most 50 reference fields";
    static final String RELATION = "must be an object {field, relation, defaultKind?, array?}";
    /** {@link #RELATION} as a Bean Validation message, where braces name parameters. */
    static final String RELATION_TEMPLATE = "must be an object \\{field, relation, defaultKind?, array?\\}";

    /** A spec field holding entity references, and the relation each reference generates. */
    public record RelationBody(
            @TypeMessage(STRING) @NotNull(message = "is required") @Size(min = 1, max = 63, message = "must be a"
                    + " non-empty string of at most 63 characters") String field,
            @TypeMessage(STRING) @NotNull(message = "is required") String relation,
            @TypeMessage(STRING) String defaultKind,
            @TypeMessage("must be true or false") Boolean array) {
    }
}
