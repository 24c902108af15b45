package dev.shop.common.replicas;

import java.net.ConnectException;
import java.net.NoRouteToHostException;

/**
 * What a failed call to a replica says about the replica and about the call.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * The connection was refused, there is no route to the replica, or it did not take the connection
     * in time: nothing was sent, so any request may go to another replica. It also says the replica
     * cannot be reached at all: on the shop's own network a live replica takes a connection in well
     * under a millisecond, and one that does not is gone (a killed container's address answers
     * nothing), not slow. (Netty's connect timeout is a ConnectException too.)
     */
    public static boolean neverReached(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
