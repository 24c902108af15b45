package dev.shop.common.replicas;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;

/**
 * What a failed call to a replica says about the replica, and about the call: whether it never
 * reached the replica (so that it may go to another one, whatever it was), and whether the replica
 * is certainly not there (nothing listens at its address).
 */
public final class Failures {

    private Failures() {
    }

    /**
     * The connection was refused or could not be made: nothing was sent, so any request may be sent
     * to another replica.
     */
    public static boolean neverReached(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Nothing listens at the replica's address (refused, or no route to it): it is gone or not started,
     * not slow. A connection that timed out is not that certain.
     */
    static boolean nothingThere(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoRouteToHostException) {
                return true;
            }
            // Netty's connect timeout is a ConnectException too, and says less.
            if (cause instanceof ConnectException && !cause.getClass().getName().endsWith("ConnectTimeoutException")
                    && !(cause instanceof SocketTimeoutException)) {
                return true;
            }
        }
        return false;
    }
}
