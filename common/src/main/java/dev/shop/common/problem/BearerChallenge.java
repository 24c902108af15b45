package dev.shop.common.problem;

/**
 * The 401 for a request without a token the shop accepts, wherever it is answered: by a service's
 * exception mapper ({@link ProblemMappers}) or by the gateway's own authentication mechanism. A
 * {@link ProblemType#UNAUTHORIZED} problem and the {@code WWW-Authenticate} challenge that goes with it.
 *
 * @param header the {@code WWW-Authenticate} value (RFC 6750: {@code invalid_token} when one was sent)
 */
public record BearerChallenge(String header, Problem problem) {

    /** No token was sent. */
    public static final BearerChallenge MISSING = new BearerChallenge("Bearer", ProblemType.UNAUTHORIZED.problem(
            "This request needs an access token: send 'Authorization: Bearer <token>'."));

    /** A token was sent, but it cannot be accepted. */
    public static final BearerChallenge INVALID = new BearerChallenge("Bearer error=\"invalid_token\"",
            ProblemType.UNAUTHORIZED.problem(
                    "The access token is missing, malformed, expired or not signed by this shop."));

    public static BearerChallenge of(boolean tokenSent) {
        return tokenSent ? INVALID : MISSING;
    }
}
