package dev.shop.common.problem;

import java.util.List;
import java.util.Map;

/**
 * Thrown where a request cannot be served; {@link ProblemMappers} turns it into its response.
 * The factory methods name the usual cases, so that call sites read as the rule they enforce.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    /** A problem sent with response headers, such as {@code Retry-After}. */
    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** 400 for one request field that was wrong. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(validation(List.of(new Problem.FieldError(field, message))));
    }

    public static Problem validation(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return Problem.of(400, Problem.TYPE_PREFIX + "validation", "Invalid request", detail).withErrors(errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, Problem.BLANK, "Not Found", detail));
    }

    public static ProblemException conflict(String type, String title, String detail) {
        return new ProblemException(Problem.of(409, Problem.TYPE_PREFIX + type, title, detail));
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(
                Problem.of(503, Problem.TYPE_PREFIX + "unavailable", "Service Unavailable", detail));
    }
}
