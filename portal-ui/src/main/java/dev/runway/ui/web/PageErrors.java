package dev.runway.ui.web;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.runway.common.error.Problem;
import dev.runway.common.error.ProblemResponses;
import dev.runway.common.error.RunwayException;
import dev.runway.ui.client.ServiceProblem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The portal talks to people: errors are readable pages, never problem+json, raw JSON or a stack trace.
 * Registered ahead of runway-common's API mappers, which serve the JSON APIs.
 */
public class PageErrors {
    private static final Logger LOG = Logger.getLogger(PageErrors.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(String title, String message, String errorId);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response runway(RunwayException e) {
        return page(e.kind().status, e.kind().title, e.getMessage(), null);
    }

    /** A page for another role (audit, admin): a page that says so, not runway-common's problem+json. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return page(403, "Not allowed", "Your account may not open this page. Ask a platform admin if you need it.",
                null);
    }

    /** A service refused or could not be reached: its own words (problem+json detail), never its raw body. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response service(ServiceProblem e) {
        int status = e.status() >= 500 || e.status() == 401 ? 502 : e.status();
        return page(status, e.title(), e.detail(), null);
    }

    /** Declared for the exact type so that runway-common's problem+json mapper of it does not answer a page. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response notFound(NotFoundException e, UriInfo uri) {
        return webApplication(e, uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        return switch (status) {
            case 404 -> page(404, "Page not found", "There is nothing at this address. Check the link, or start again from your home page.", null);
            case 403 -> page(403, "Not allowed", "Your account may not open this page.", null);
            default -> page(status, "Request not understood", "The portal could not handle this request (HTTP " + status + ").", null);
        };
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unexpected(Throwable e, UriInfo uri) {
        Problem problem = ProblemResponses.internal(uri.getPath());
        LOG.errorf(e, "Unexpected error %s on %s", problem.errorId(), uri.getPath());
        return page(500, "Something went wrong", "The portal could not complete this page. Try again in a moment.",
                problem.errorId());
    }

    private static Response page(int status, String title, String message, String errorId) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(title, message, errorId).render()).build();
    }
}
