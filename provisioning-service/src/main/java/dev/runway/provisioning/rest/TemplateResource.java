package dev.runway.provisioning.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.runway.common.error.ResourceNotFoundException;
import dev.runway.common.security.Roles;
import dev.runway.provisioning.mapping.ProvisioningMapper;
import dev.runway.provisioning.rest.dto.TemplateView;
import dev.runway.provisioning.template.Template;
import dev.runway.provisioning.template.TemplateCatalog;

@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Templates", description = "Golden paths for environments and databases")
@RolesAllowed({ Roles.DEVELOPER, Roles.PLATFORM_ADMIN, Roles.AUDITOR })
public class TemplateResource {
    private final TemplateCatalog templates;

    public TemplateResource(TemplateCatalog templates) {
        this.templates = templates;
    }

    @GET
    @Operation(summary = "List the templates with their parameter schemas and defaults",
            description = "A database template is available only where a server of its engine is configured.")
    @APIResponse(responseCode = "200", description = "The templates")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role not allowed")
    public List<TemplateView> list() {
        return templates.all().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One template")
    @APIResponse(responseCode = "200", description = "The template")
    @APIResponse(responseCode = "404", description = "No such template")
    public TemplateView get(@PathParam("id") String id) {
        return templates.find(id).map(this::view)
                .orElseThrow(() -> new ResourceNotFoundException("no such template: " + id));
    }

    private TemplateView view(Template t) {
        return ProvisioningMapper.toView(t, templates.available(t));
    }
}
