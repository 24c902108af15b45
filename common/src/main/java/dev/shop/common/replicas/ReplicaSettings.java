package dev.shop.common.replicas;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/**
 * {@code shop.replicas.*}: how a caller keeps the replicas of a service it calls in rotation, or takes
 * them out ({@link ReadyReplicas}). The defaults are in common's microprofile-config.properties.
 */
@ConfigMapping(prefix = "shop.replicas")
public interface ReplicaSettings {

    /**
     * Whether to ask every replica's readiness ({@code /q/health/ready} on its management port) before
     * and while sending it requests. Needed where discovery lists replicas that are not ready (Docker's
     * DNS lists a container as soon as it exists; a static list names whatever it names); not on
     * Kubernetes, whose headless Services list ready pods only.
     */
    boolean readinessChecks();

    /** How often each replica's readiness is asked, and discovery's list read again. */
    Duration checkInterval();

    /** How long a readiness check may take; no answer twice in a row takes the replica out. */
    Duration checkTimeout();

    /**
     * How long a replica that has just become ready takes to be given its full share: its share grows
     * in a straight line from a tenth, so a JVM that is warm but not hot is not handed a full load at once.
     */
    Duration slowStart();

    /**
     * How long a replica that failed is left out of rotation the first time; each further ejection
     * without a success in between doubles it, up to eight times as long.
     */
    Duration ejectionTime();

    /**
     * How many failures in a row (a reset, a closed connection, no answer in time) eject a replica.
     * A refused connection ejects it at once: nothing listens there.
     */
    int failuresToEject();
}
