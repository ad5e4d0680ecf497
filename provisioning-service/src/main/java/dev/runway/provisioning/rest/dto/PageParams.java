package dev.runway.provisioning.rest.dto;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The page parameters every provisioning list takes, documented once; RequestQueryService validates them. */
public class PageParams {
    @QueryParam("cursor")
    @Parameter(description = "nextCursor of the previous page; absent for the first")
    public String cursor;

    @QueryParam("limit")
    @Parameter(description = "Page size, 1 to runway.provisioning.max-page-size (200 by default; default 50); "
            + "anything else is refused with 400", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "200", defaultValue = "50"))
    public Integer limit;
}
