package dev.runway.provisioning.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.common.security.Caller;
import dev.runway.common.security.Roles;
import dev.runway.provisioning.domain.RequestKind;
import dev.runway.provisioning.rest.dto.EnvironmentRequestBody;
import dev.runway.provisioning.rest.dto.RequestView;
import dev.runway.provisioning.service.NewEnvironment;
import dev.runway.provisioning.service.RequestQueryService;
import dev.runway.provisioning.service.RequestService;

@Path(EnvironmentResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Environments", description = "Requests for Kubernetes environments")
public class EnvironmentResource extends ProvisioningRequestResource {
    static final String PATH = "/api/v1/environments";

    public EnvironmentResource(RequestService service, RequestQueryService queries, Provider<Caller> callers) {
        super(RequestKind.ENVIRONMENT, PATH, service, queries, callers);
    }

    @POST
    @RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN })
    @Operation(summary = "Request an environment from a template",
            description = "A retried request with the same Idempotency-Key returns the first result.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the request",
            content = @Content(schema = @Schema(implementation = RequestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or parameters, per field")
    @APIResponse(responseCode = "403", description = "Not a member of the team")
    @APIResponse(responseCode = "409", description = "Name taken or environment count quota reached")
    @APIResponse(responseCode = "422", description = "CPU or memory quota exceeded")
    public Response request(@Valid @NotNull EnvironmentRequestBody body,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return accepted(service.requestEnvironment(callers.get(), new NewEnvironment(body.name(), body.team(),
                body.template(), body.parameters(), body.ttl(), body.component()), idempotencyKey));
    }
}
