package dev.runway.common.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Says in each operation's description which roles may call it, and leaves the bearer requirement without scopes.
 * SmallRye lists {@code @RolesAllowed} roles as the requirement's scopes, which OpenAPI allows only for OAuth2 and
 * OpenID Connect schemes: generators and linters then misread a plain bearer token. The roles are realm roles of
 * the token, which people and generated clients' documentation need to see, so they move into the text.
 */
public class RolesInDescriptions implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        List<String> roles = new ArrayList<>();
        List<SecurityRequirement> security = operation.getSecurity();
        if (security != null) {
            for (SecurityRequirement requirement : security) {
                Map<String, List<String>> schemes = new LinkedHashMap<>();
                requirement.getSchemes().forEach((scheme, scopes) -> {
                    if (scopes != null) {
                        scopes.stream().filter(r -> !roles.contains(r)).forEach(roles::add);
                    }
                    schemes.put(scheme, new ArrayList<>());
                });
                requirement.setSchemes(schemes);
            }
        }
        String who = roles.isEmpty()
                ? (security == null || security.isEmpty() ? null : "Any signed-in caller.")
                : "Roles: " + String.join(", ", roles) + ".";
        String description = operation.getDescription();
        if (description == null || description.isBlank()) {
            description = operation.getSummary();
        }
        if (who != null) {
            description = description == null || description.isBlank() ? who : description.strip() + "\n\n" + who;
        }
        operation.setDescription(description);
        return operation;
    }
}
