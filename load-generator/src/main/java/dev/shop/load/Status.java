package dev.shop.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * How a request ended: its HTTP status code ("200", "409", "503"), or why there was none:
 * "refused" (no connection could be opened), "reset" (the connection was reset or closed before the
 * answer), "timeout" (no answer within --timeout), and "dropped" or "unfinished" for requests the
 * generator could not send or stopped waiting for. Errors are what a healthy shop never gives: 5xx
 * and requests without an answer. Other 4xx (409 for stock that ran out, say) are answers, not errors.
 */
public record Status(String key, boolean error) {

    public static final Status REFUSED = new Status("refused", true);
    public static final Status RESET = new Status("reset", true);
    public static final Status TIMEOUT = new Status("timeout", true);
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
        // A connect timeout is an HttpTimeoutException too: no answer in time, whatever the stage.
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return TIMEOUT;
        }
        if (cause instanceof IOException) {
            if (caused(cause, ConnectException.class) || caused(cause, NoRouteToHostException.class)) {
                return REFUSED;
            }
            if (closedBeforeTheAnswer(cause)) {
                return RESET;
            }
            return new Status("io-error", true);
        }
        return new Status("failed:" + cause.getClass().getSimpleName(), true);
    }

    /** Whether a status key of a summary is an error (the summary keeps keys, not Status values). */
    public static boolean isError(String key) {
        return isCode(key) ? key.compareTo("500") >= 0 : true;
    }

    /** Whether a status key is an HTTP status code rather than the name of a failure without one. */
    public static boolean isCode(String key) {
        return !key.isEmpty() && key.chars().allMatch(Character::isDigit);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The JDK's client says it in several ways: a SocketException ("Connection reset", "Broken
     * pipe"), an EOFException, or an IOException of its own ("HTTP/1.1 header parser received no
     * bytes", "connection closed locally") with one of those as its cause, or none.
     */
    private static boolean closedBeforeTheAnswer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof EOFException) {
                return true;
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("reset") || message.contains("closed") || message.contains("received no bytes")
                    || message.contains("broken pipe") || message.contains("eof")) {
                return true;
            }
        }
        return false;
    }

    private static boolean caused(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
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
