package dev.shop.common.replicas;

import io.smallrye.stork.api.LoadBalancer;
import io.smallrye.stork.api.NoServiceInstanceFoundException;
import io.smallrye.stork.api.ServiceDiscovery;
import io.smallrye.stork.api.ServiceInstance;
import io.smallrye.stork.impl.ServiceInstanceWithStatGathering;
import io.smallrye.stork.spi.CallStatisticsCollector;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Stork load balancer that sends requests only to replicas in rotation: ready (asked every
 * {@code check-interval}, where discovery may list replicas that are not) and not ejected for failing
 * (at once when it cannot be reached, after several failures in a row otherwise; back after a while,
 * once ready; never the last one in rotation). Among those, a replica is picked at random in proportion to its weight: a new replica's
 * share grows over {@code slow-start}, and one with more requests in hand gets fewer new ones. With no
 * replica in rotation, selection fails at once ({@link NoServiceInstanceFoundException}): the callers
 * answer 503 without waiting.
 *
 * <p>Outcomes come through Stork's statistics ({@link CallStatisticsCollector}): every instance it hands
 * out records its calls' start and end, for the REST client and the gateway's proxy alike.
 */
final class ReadyReplicas implements LoadBalancer, CallStatisticsCollector {

    private static final Logger LOG = Logger.getLogger(ReadyReplicas.class);

    private final String service;
    private final ServiceDiscovery discovery;
    private final ReadinessProbe probe;
    private final ReplicaSettings settings;
    private final ReplicaMetrics metrics;
    private final Map<Long, Replica> replicas = new ConcurrentHashMap<>();

    /** {@code probe}: null where discovery lists ready replicas only. */
    ReadyReplicas(String service, ServiceDiscovery discovery, ReadinessProbe probe, ReplicaSettings settings,
                  ReplicaMetrics metrics, Vertx vertx) {
        this.service = service;
        this.discovery = discovery;
        this.probe = probe;
        this.settings = settings;
        this.metrics = metrics;
        vertx.runOnContext(first -> look());
        vertx.setPeriodic(settings.checkInterval().toMillis(), id -> look());
    }

    @Override
    public ServiceInstance selectServiceInstance(Collection<ServiceInstance> instances) {
        long now = System.nanoTime();
        long slowStart = settings.slowStart().toNanos();
        List<Replica> candidates = new ArrayList<>(instances.size());
        double[] weights = new double[instances.size()];
        double total = 0;
        for (ServiceInstance instance : instances) {
            Replica replica = replica(instance, now);
            if (replica.inRotation(now)) {
                double weight = replica.weight(now, slowStart);
                weights[candidates.size()] = weight;
                candidates.add(replica);
                total += weight;
            }
        }
        if (candidates.isEmpty()) {
            throw new NoServiceInstanceFoundException("no replica of " + service + " is ready (" + instances.size()
                    + " listed)");
        }
        double pick = ThreadLocalRandom.current().nextDouble(total);
        int chosen = 0;
        while (chosen < candidates.size() - 1 && (pick -= weights[chosen]) >= 0) {
            chosen++;
        }
        return new ServiceInstanceWithStatGathering(candidates.get(chosen).instance(), this);
    }

    @Override
    public boolean requiresStrictRecording() {
        return false;
    }

    @Override
    public void recordStart(long instanceId, boolean measureTime) {
        Replica replica = replicas.get(instanceId);
        if (replica != null) {
            replica.started();
        }
    }

    @Override
    public void recordEnd(long instanceId, Throwable failure) {
        Replica replica = replicas.get(instanceId);
        if (replica == null) {
            return;
        }
        if (failure == null) {
            replica.succeeded();
        } else if (failure instanceof NoFaultOfTheReplica) {
            replica.ended();
        } else if (replica.failed(Failures.neverReached(failure), settings.failuresToEject(),
                settings.ejectionTime().toNanos(), System.nanoTime(), anotherInRotation(replica))) {
            metrics.ejected(replica);
            LOG.warnf("%s replica %s taken out of rotation: %s", service, replica.address(), failure.toString());
        }
    }

    private boolean anotherInRotation(Replica replica) {
        long now = System.nanoTime();
        return replicas.values().stream().anyMatch(other -> other != replica && other.inRotation(now));
    }

    /** Reads discovery's list again, forgets replicas it no longer lists, and asks the others' readiness. */
    private void look() {
        discovery.getServiceInstances().subscribe().with(this::lookAt,
                failure -> LOG.debugf("%s: discovery failed: %s", service, failure.toString()));
    }

    private void lookAt(List<ServiceInstance> instances) {
        long now = System.nanoTime();
        Set<Long> listed = new HashSet<>();
        for (ServiceInstance instance : instances) {
            listed.add(instance.getId());
            Replica replica = replica(instance, now);
            if (probe != null) {
                probe.ask(instance.getHost()).onSuccess(check -> {
                    if (replica.checked(check, System.nanoTime())) {
                        LOG.infof("%s replica %s is %s", service, replica.address(),
                                check == Replica.Check.READY ? "ready: in rotation" : "not ready (" + check + "): out of rotation");
                    }
                });
            }
        }
        replicas.values().removeIf(replica -> {
            boolean gone = !listed.contains(replica.instance().getId());
            if (gone) {
                metrics.forget(replica);
                LOG.infof("%s replica %s is no longer listed", service, replica.address());
            }
            return gone;
        });
    }

    private Replica replica(ServiceInstance instance, long now) {
        return replicas.computeIfAbsent(instance.getId(), id -> {
            Replica replica = new Replica(instance, probe != null, now);
            metrics.track(replica);
            return replica;
        });
    }
}
