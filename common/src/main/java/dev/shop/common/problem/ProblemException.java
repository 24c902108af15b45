package dev.shop.common.problem;

import java.util.List;
import java.util.Map;

/**
 * Thrown where a request cannot be served; {@link ProblemMappers} turns it into its response.
 * {@link ProblemType#exception} makes one of any kind; the factory methods here name the usual
 * cases, so that call sites read as the rule they enforce.
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
        return invalidFields(List.of(new Problem.FieldError(field, message)));
    }

    /** 400 for the request fields that were wrong. */
    public static ProblemException invalidFields(List<Problem.FieldError> errors) {
        return new ProblemException(ProblemType.validation(errors));
    }

    public static ProblemException notFound(String detail) {
        return ProblemType.NOT_FOUND.exception(detail);
    }

    public static ProblemException unavailable(String detail) {
        return ProblemType.UNAVAILABLE.exception(detail);
    }
}
