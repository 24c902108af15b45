package dev.shop.common.problem;

import java.util.List;

/**
 * Every kind of problem the shop answers with, in one place: its status, its type URI and its title.
 * A type of the shop's own is a URN ({@link Problem#TYPE_PREFIX} and a name clients can match); one
 * whose status says it all is {@code about:blank}, titled with the status's reason phrase.
 *
 * <p>Build a problem with {@link #problem(String)} (then add members with {@link Problem#with}), or
 * the exception that carries it with {@link #exception(String)}.
 */
public enum ProblemType {

    /** One or more request fields were wrong; the fields are in the problem's {@code errors}. */
    VALIDATION(400, "validation", "Invalid request"),
    BAD_REQUEST(400, null, "Bad Request"),
    /** No token, or one this shop does not accept; see {@link BearerChallenge}. */
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    INVALID_CREDENTIALS(401, "invalid-credentials", "Invalid credentials"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, null, "Not Found"),
    REQUEST_TIMEOUT(408, "request-timeout", "Request Timeout"),
    /** Two requests raced past a check for a duplicate; the database kept the data whole. */
    CONFLICT(409, "conflict", "Conflict"),
    DUPLICATE_SKU(409, "duplicate-sku", "Duplicate SKU"),
    EMAIL_TAKEN(409, "email-taken", "Email already registered"),
    INSUFFICIENT_STOCK(409, "insufficient-stock", "Not enough stock"),
    ORDER_ABANDONED(409, "order-abandoned", "Order abandoned"),
    ORDER_NOT_CANCELLABLE(409, "order-not-cancellable", "Order not cancellable"),
    RESERVATION_RELEASED(410, "reservation-released", "Reservation released"),
    CONTENT_TOO_LARGE(413, "content-too-large", "Content Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, null, "Unsupported Media Type"),
    EXPECTATION_FAILED(417, null, "Expectation Failed"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key reused"),
    TOO_MANY_LOGIN_ATTEMPTS(429, "too-many-login-attempts", "Too many login attempts"),
    TOO_MANY_FAILED_SIGN_INS(429, "too-many-failed-sign-ins", "Too many failed sign-ins"),
    INTERNAL_SERVER_ERROR(500, null, "Internal Server Error"),
    /** A service this one needs did not answer; the request may be sent again. */
    UNAVAILABLE(503, "unavailable", "Service Unavailable"),
    /** This service has more work than it takes on at once; sent with {@code Retry-After}. */
    BUSY(503, "busy", "Busy");

    private final int status;
    private final String uri;
    private final String title;

    ProblemType(int status, String name, String title) {
        this.status = status;
        this.uri = name == null ? Problem.BLANK : Problem.TYPE_PREFIX + name;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The problem's {@code type}: {@code urn:shop:problem:<name>}, or {@code about:blank}. */
    public String uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public Problem problem(String detail) {
        return Problem.of(status, uri, title, detail);
    }

    public ProblemException exception(String detail) {
        return new ProblemException(problem(detail));
    }

    /** A {@link #VALIDATION} problem listing the fields that were wrong. */
    public static Problem validation(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return VALIDATION.problem(detail).withErrors(errors);
    }
}
