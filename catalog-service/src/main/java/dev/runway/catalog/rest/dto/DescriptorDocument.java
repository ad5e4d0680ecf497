package dev.runway.catalog.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape of one descriptor in a JSON request body, for the OpenAPI document only: the resources read bodies as
 * text (JSON or YAML) and validate them with Backstage's rules, but a client generated from the document should
 * offer a typed descriptor rather than a bare string.
 */
@Schema(name = "Descriptor", description = "An entity in Backstage's descriptor format (catalog-info.yaml as JSON)")
public record DescriptorDocument(
        @Schema(required = true, examples = "backstage.io/v1alpha1") String apiVersion,
        @Schema(required = true, examples = "Component") String kind,
        @Schema(required = true, description = "name, namespace?, title?, description?, labels?, annotations?,"
                + " tags?, links?") JsonNode metadata,
        @Schema(description = "Kind-specific fields, e.g. type, lifecycle and owner of a Component") JsonNode spec) {
}
