package dev.shop.common.replicas;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Per replica of a called service, as this caller sees it: {@code shop_replica_in_rotation} (1 while
 * it gets requests, 0 while it is not ready or ejected) and {@code shop_replica_ejections_total}. A
 * replica's series go when discovery no longer lists it, so that replicas coming and going do not
 * leave series behind.
 */
final class ReplicaMetrics {

    private final MeterRegistry registry;
    private final String service;

    ReplicaMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
    }

    void track(Replica replica) {
        Tags tags = tags(replica);
        Gauge.builder("shop.replica.in.rotation", replica, r -> r.inRotation(System.nanoTime()) ? 1 : 0)
                .description("1 while this caller sends the replica requests; 0 while it is not ready or ejected")
                .tags(tags).strongReference(true).register(registry);
        ejections(tags);
    }

    void ejected(Replica replica) {
        ejections(tags(replica)).increment();
    }

    void forget(Replica replica) {
        Tags tags = tags(replica);
        registry.find("shop.replica.in.rotation").tags(tags).meters().forEach(registry::remove);
        registry.find("shop.replica.ejections").tags(tags).meters().forEach(registry::remove);
    }

    private Counter ejections(Tags tags) {
        return Counter.builder("shop.replica.ejections")
                .description("Times this caller took the replica out of rotation because calls to it failed")
                .tags(tags).register(registry);
    }

    private Tags tags(Replica replica) {
        return Tags.of("service", service, "replica", replica.address());
    }
}
