package dev.runway.provisioning.rest.dto;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.runway.provisioning.domain.ComponentRef;

/**
 * @param team        optional: a database belongs to its environment's team; a team given that is not the
 *                    environment's is refused (422), so older clients that send it keep working
 * @param engine      a database template id (postgresql, mariadb, redis)
 * @param plan        a plan of that template; the template's default when absent
 * @param environment the environment whose namespace receives the credentials Secret
 * @param component   the Component this database serves (catalog entity ref)
 */
public record DatabaseRequestBody(
        @NotBlank @Size(max = 40) @Pattern(regexp = "^[a-z][a-z0-9_]*$",
                message = "must start with a letter and hold only lower-case letters, digits and '_'") String name,
        @Size(max = 20) @Pattern(regexp = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                message = "must be a team name: lower-case letters, digits and '-'") String team,
        @NotBlank String engine,
        String plan,
        @NotNull UUID environment,
        @Size(max = 140) @Pattern(regexp = ComponentRef.COMPONENT_REF, message = "must be a component entity ref:"
                + " [component:][namespace/]name") String component) {
}
