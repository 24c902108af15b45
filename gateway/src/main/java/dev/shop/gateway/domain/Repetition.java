package dev.shop.gateway.domain;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which requests the shop lets the gateway send a second time, to another replica, when the first
 * one's fate is unknown (its connection closed or reset before the answer, or no answer came in
 * time): those whose repetition changes nothing more than the first did. A request that never
 * reached a replica (its connection refused) may always go to another; that is not decided here.
 */
public final class Repetition {

    /** Idempotent by HTTP's definition. */
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    /**
     * POSTs the shop's APIs make idempotent: a login only issues another token; a cancellation of an
     * order cancelled already answers the cancelled order again.
     */
    private static final Pattern REPEATABLE_POSTS = Pattern.compile("/api/auth/login|/api/orders/[^/]+/cancel");

    private Repetition() {
    }

    /** Where an Idempotency-Key makes a POST repeatable: order-service answers the same key with the same order. */
    private static final String KEYED_POSTS = "/api/orders";

    /**
     * @param method the request's method
     * @param path its path, as routed
     * @param idempotencyKey whether it carries an Idempotency-Key (which only some APIs honour)
     */
    public static boolean mayRepeat(String method, String path, boolean idempotencyKey) {
        if (IDEMPOTENT_METHODS.contains(method)) {
            return true;
        }
        return method.equals("POST")
                && (REPEATABLE_POSTS.matcher(path).matches() || idempotencyKey && path.equals(KEYED_POSTS));
    }
}
