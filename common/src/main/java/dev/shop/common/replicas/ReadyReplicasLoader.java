package dev.shop.common.replicas;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.smallrye.stork.api.LoadBalancer;
import io.smallrye.stork.api.ServiceDiscovery;
import io.smallrye.stork.api.config.ConfigWithType;
import io.smallrye.stork.spi.internal.LoadBalancerLoader;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes {@link ReadyReplicas} available to Stork as {@code quarkus.stork.<name>.load-balancer.type=ready-replicas},
 * with two settings of its own per called service: {@code service} (its name, for logs and metrics)
 * and {@code readiness-port} (its management port, where readiness is asked). The rest is
 * {@code shop.replicas.*}, the same for every called service.
 *
 * <p>Stork finds load balancers through this interface, as CDI beans. Stork's annotation processor
 * would write this class from a provider, but one it can also create without CDI, so without
 * constructor injection; written by hand it is as short.
 */
@ApplicationScoped
@Unremovable
public class ReadyReplicasLoader implements LoadBalancerLoader {

    public static final String TYPE = "ready-replicas";

    private final Vertx vertx;
    private final MeterRegistry registry;
    private final ReplicaSettings settings;

    ReadyReplicasLoader(Vertx vertx, MeterRegistry registry, ReplicaSettings settings) {
        this.vertx = vertx;
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public LoadBalancer createLoadBalancer(ConfigWithType config, ServiceDiscovery discovery) {
        String service = required(config, "service");
        ReadinessProbe probe = settings.readinessChecks()
                ? new ReadinessProbe(vertx, Integer.parseInt(required(config, "readiness-port")), settings.checkTimeout())
                : null;
        return new ReadyReplicas(service, discovery, probe, settings, new ReplicaMetrics(registry, service), vertx);
    }

    @Override
    public String type() {
        return TYPE;
    }

    private static String required(ConfigWithType config, String name) {
        String value = config.parameters().get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("load balancer " + TYPE + ": " + name + " is not set");
        }
        return value;
    }
}
