package dev.shop.common.replicas;

/**
 * A call that ended neither well nor badly for the replica, e.g. because the caller's own client went
 * away: passed to Stork's {@code ServiceInstance.recordEnd}, it counts neither way.
 */
public final class NoFaultOfTheReplica extends RuntimeException {
    public NoFaultOfTheReplica() {
        super("the call ended for a reason that is not the replica's", null, false, false);
    }
}
