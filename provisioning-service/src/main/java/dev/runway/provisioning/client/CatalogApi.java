package dev.runway.provisioning.client;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's entity API, the resources provisioning-service writes (Resource entities in default). */
@RegisterRestClient(configKey = "runway-catalog")
@RegisterProvider(ServiceTokenFilter.class)
@Path("/api/v1/entities")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogApi {

    @POST
    Response create(Map<String, Object> entity);

    @GET
    @Path("resource/default/{name}")
    Response get(@PathParam("name") String name);

    @PUT
    @Path("resource/default/{name}")
    Response replace(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            Map<String, Object> entity);

    @DELETE
    @Path("resource/default/{name}")
    Response delete(@PathParam("name") String name);
}
