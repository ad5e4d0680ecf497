package dev.runway.common.error;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where exceptions become HTTP errors: every 4xx/5xx a Runway service answers is an
 * {@code application/problem+json} body. Messages of unexpected exceptions never reach the caller.
 */
public class ProblemExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response runway(RunwayException e, UriInfo uri) {
        if (e.kind().status >= 500) {
            LOG.warnf("%s on %s: %s", e.kind().title, path(uri), e.getMessage());
        }
        return ProblemResponses.response(
                ProblemResponses.problem(e.kind(), e.getMessage(), path(uri), e.violations()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        boolean returnValue = false;
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            returnValue |= isReturnValue(v.getPropertyPath());
            violations.add(new Problem.Violation(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        if (returnValue) {
            // An invalid response is our bug, not the caller's.
            return unexpected(e, uri);
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        return ProblemResponses.response(ProblemResponses.problem(ProblemKind.INVALID_INPUT,
                "The request has " + violations.size() + " invalid field(s).", path(uri), violations));
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    /** Declared for the exact type so it takes precedence over Quarkus's built-in mapper, whose body names Java types. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    /**
     * JAX-RS answers a query parameter its declared type cannot take ({@code limit=ten}) with 404, as if the resource
     * were missing. It is the caller's input that is wrong: 400, naming the parameter. A path parameter that does not
     * convert (a malformed id) still names nothing that exists, so it stays 404.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, ResourceInfo resource) {
        List<Problem.Violation> violations = unconvertibleQueryParameters(e, uri, resource);
        if (violations.isEmpty()) {
            return webApplication(e, uri);
        }
        return ProblemResponses.response(ProblemResponses.problem(ProblemKind.INVALID_INPUT,
                "The request has " + violations.size() + " invalid query parameter(s).", path(uri), violations));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "None of the accepted media types can be produced.";
            case 415 -> "This media type is not supported here.";
            default -> title;
        };
        return ProblemResponses.response(ProblemResponses.problem(status, slug(title), title, detail, path(uri),
                List.of(), null));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(Exception e, UriInfo uri) {
        return ProblemResponses.response(ProblemResponses.problem(ProblemKind.UNAUTHENTICATED,
                "A valid bearer token is required.", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.response(ProblemResponses.problem(ProblemKind.NOT_PERMITTED,
                "Your roles do not allow this action.", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.causedBy(e)) {
            // Nothing was written: the transaction could not reach the database. A restart or failover is over in
            // seconds, so this is the retryable 503 of an unavailable upstream, not an internal error.
            LOG.warnf("Database unavailable on %s: %s", path(uri), e.getMessage());
            return ProblemResponses.response(ProblemResponses.problem(ProblemKind.UPSTREAM_UNAVAILABLE,
                    "The database is not reachable right now; retry shortly.", path(uri), List.of()));
        }
        if (ConcurrentChange.causedBy(e)) {
            LOG.warnf("Concurrent change on %s: %s", path(uri), e.getMessage());
            return ProblemResponses.response(ProblemResponses.problem(ProblemKind.CONFLICT,
                    "It was changed by someone else at the same moment; nothing was written. Read it again and retry.",
                    path(uri), List.of()));
        }
        Problem problem = ProblemResponses.internal(path(uri));
        LOG.errorf(e, "Unexpected error %s on %s", problem.errorId(), path(uri));
        return ProblemResponses.response(problem);
    }

    private Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String field = "$";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = jsonPath(mapping.getPath());
        }
        // Jackson's own message names Java types; say where it broke instead.
        String message = e.getLocation() == null ? "Malformed JSON."
                : "Malformed or mistyped JSON at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ".";
        return ProblemResponses.response(ProblemResponses.problem(ProblemKind.INVALID_INPUT, message, path(uri),
                List.of(new Problem.Violation(field, "malformed or of the wrong type"))));
    }

    static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * Turns a bean-validation path like {@code create.request.spec.owner} (method, parameter, properties)
     * into the field the caller sent: {@code spec.owner}, or the parameter name for query/path params.
     */
    static String fieldOf(Path path) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            // Container elements ("<list element>") are addressed by their index on the enclosing property.
            String name = node.getName() == null || node.getName().startsWith("<") ? "" : node.getName();
            if (node.getIndex() != null) {
                parts.add(name + "[" + node.getIndex() + "]");
            } else if (node.getKey() != null) {
                parts.add(name + "[" + node.getKey() + "]");
            } else if (!name.isEmpty()) {
                parts.add(name);
            }
        }
        if (parts.isEmpty()) {
            return parameter == null ? "$" : parameter;
        }
        return String.join(".", parts).replace(".[", "[");
    }

    static List<Problem.Violation> unconvertibleQueryParameters(NotFoundException e, UriInfo uri,
            ResourceInfo resource) {
        // Only a parameter conversion carries a cause; a route that matches nothing does not.
        if (e.getCause() == null || e.getCause() instanceof WebApplicationException || uri == null || resource == null
                || resource.getResourceMethod() == null) {
            return List.of();
        }
        List<Problem.Violation> violations = new ArrayList<>();
        for (java.lang.reflect.Parameter parameter : resource.getResourceMethod().getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                checkQueryParameter(query.value(), parameter.getType(), uri, violations);
            } else if (parameter.isAnnotationPresent(BeanParam.class)) {
                // Shared page parameters live in a @BeanParam; its fields convert the same way and fail the same way.
                for (java.lang.reflect.Field field : queryFields(parameter.getType())) {
                    checkQueryParameter(field.getAnnotation(QueryParam.class).value(), field.getType(), uri, violations);
                }
            }
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        return violations;
    }

    /** The {@code @QueryParam} fields of a {@code @BeanParam} class and its superclasses. */
    private static List<java.lang.reflect.Field> queryFields(Class<?> beanParam) {
        List<java.lang.reflect.Field> fields = new ArrayList<>();
        for (Class<?> type = beanParam; type != null && type != Object.class; type = type.getSuperclass()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(QueryParam.class)) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static void checkQueryParameter(String name, Class<?> type, UriInfo uri,
            List<Problem.Violation> violations) {
        for (String value : uri.getQueryParameters().getOrDefault(name, List.of())) {
            String expected = unconvertible(type, value);
            if (expected != null) {
                violations.add(new Problem.Violation(name, "must be " + expected));
                return;
            }
        }
    }

    /** What {@code type} expects when {@code value} does not convert to it, else null. */
    private static String unconvertible(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class || type == short.class || type == Short.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
                Double.parseDouble(value);
            } else if (type == UUID.class) {
                UUID.fromString(value);
            } else {
                return null;
            }
            return null;
        } catch (IllegalArgumentException notConvertible) {
            return type == UUID.class ? "a UUID" : type == double.class || type == Double.class
                    || type == float.class || type == Float.class ? "a number" : "an integer";
        }
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
