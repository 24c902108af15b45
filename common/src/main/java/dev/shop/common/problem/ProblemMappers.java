package dev.shop.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 problem: nothing leaves a
 * service as a stack trace or an empty error page.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e, HttpServerRequest request) {
        RestResponse.ResponseBuilder<Problem> response = builder(e.problem(), request);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e, HttpServerRequest request) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::isAboutReturnValue)) {
            return unexpected(e, request);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return respond(ProblemType.validation(errors), request);
    }

    /** Well-formed JSON of the wrong shape: a string for a number, a missing required member... */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatched(MismatchedInputException e, HttpServerRequest request) {
        String field = pathOf(e);
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            field = field.isEmpty() ? unknown.getPropertyName() : field;
            message = "is not a known field";
        } else if (e.getTargetType() != null && !field.isEmpty()) {
            message = "must be " + describe(e.getTargetType());
        } else {
            message = "has the wrong type or is missing";
        }
        return respond(ProblemType.validation(List.of(
                new Problem.FieldError(field.isEmpty() ? "body" : field, message))), request);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> web(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(malformedJson(json), request);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.errorf(e, "%s %s failed", request.method(), request.path());
        }
        Problem problem = Problem.aboutBlank(status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
        RestResponse.ResponseBuilder<Problem> response = builder(problem, request);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public RestResponse<Problem> unauthorized(RuntimeException e, HttpServerRequest request) {
        BearerChallenge challenge = BearerChallenge.of(request.getHeader(HttpHeaders.AUTHORIZATION) != null);
        // Replaces the bare challenge Quarkus may already have set, rather than adding a second one.
        request.response().headers().remove(HttpHeaders.WWW_AUTHENTICATE);
        return builder(challenge.problem(), request)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge.header())
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(ProblemType.FORBIDDEN.problem("Your account is not allowed to do this."), request);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseUnavailable.causes(e)) {
            LOG.warnf("%s %s: the database is unavailable (%s)", request.method(), request.path(), e.toString());
            return builder(ProblemType.UNAVAILABLE.problem(
                    "The database cannot be reached right now; nothing was changed. Try again in a moment."), request)
                    .header("Retry-After", "2").build();
        }
        if (isUniqueViolation(e)) {
            // Two requests raced past a check for a duplicate; the database kept the data whole.
            return respond(ProblemType.CONFLICT.problem(
                    "The request conflicts with data that was just written; nothing was changed."), request);
        }
        LOG.errorf(e, "%s %s failed unexpectedly", request.method(), request.path());
        return respond(ProblemType.INTERNAL_SERVER_ERROR.problem(
                "The request could not be completed; it has been logged."), request);
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static Problem malformedJson(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return ProblemType.validation(List.of(new Problem.FieldError("body", "is not valid JSON" + where)));
    }

    private static RestResponse<Problem> respond(Problem problem, HttpServerRequest request) {
        return builder(problem, request).build();
    }

    private static RestResponse.ResponseBuilder<Problem> builder(Problem problem, HttpServerRequest request) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem.locatedAt(request.path()))
                .type(Problem.MEDIA_TYPE);
    }

    private static boolean isAboutReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request field a violation is about: the path below the method parameter
     * ({@code create.body.items[0].quantity} becomes {@code items[0].quantity}), or the
     * parameter itself for query and path parameters.
     */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            // The index of a list element is carried by the node that follows the list.
            if (node.isInIterable()) {
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                field.append('[').append(at == null ? "" : at).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        return !field.isEmpty() ? field.toString() : parameter != null ? parameter : path.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "an object";
    }
}
