package dev.shop.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * How a request ended: its HTTP status code ("200", "409", "503"), or why there was none
 * ("timeout", "connect-failed", "io-error", and "dropped" or "unfinished" for requests the generator
 * could not send or stopped waiting for). Errors are what a healthy shop never gives: 5xx and
 * requests without an answer. Other 4xx (409 for stock that ran out, say) are answers, not errors.
 */
public record Status(String key, boolean error) {

    public static final Status DROPPED = new Status("dropped", true);
    public static final Status UNFINISHED = new Status("unfinished", true);

    public static Status of(int code) {
        return new Status(String.valueOf(code), code >= 500);
    }

    public static Status failure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpStatusException status) {
            return of(status.status());
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new Status("connect-failed", true);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new Status("timeout", true);
        }
        if (cause instanceof IOException) {
            return new Status("io-error", true);
        }
        return new Status("failed:" + cause.getClass().getSimpleName(), true);
    }

    /** Whether a status key of a summary is an error (the summary keeps keys, not Status values). */
    public static boolean isError(String key) {
        return key.chars().allMatch(Character::isDigit) ? key.compareTo("500") >= 0 : true;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A request that answered, but with a status that ends what the shopper was doing. */
    public static final class HttpStatusException extends RuntimeException {
        private final int status;

        public HttpStatusException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
