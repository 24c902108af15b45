package dev.shop.system;

import dev.shop.system.ConfigInCluster.Discovery;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a stopping pod of the shop (scale-in, a rolling update, a drain) keeps serving until no
 * caller can still send it a request, and is given the time to finish, computed from a render and
 * the services' configuration as they run from it ({@link ConfigInCluster}):
 *
 * <ol>
 *   <li>A pod being deleted leaves its headless Service's DNS answer once the EndpointSlice
 *   controller and CoreDNS have seen it go ({@link #ENDPOINT_PROPAGATION}); an answer given just
 *   before is kept up to its TTL ({@link #DNS_TTL}); and a caller goes on using the addresses it
 *   looked up for its discovery's refresh period (Stork keeps them that long, then looks again
 *   before the next request). So a caller may hold the address for
 *   {@code the longest refresh period of any service's discovery + DNS TTL + propagation}, and the
 *   pod must go on serving at least that long after SIGTERM: Quarkus' shutdown delay.</li>
 *   <li>Then requests in flight get the shutdown timeout, and the JVM stops its extensions and
 *   exits ({@link #EXIT}): all inside the grace period, after which the kubelet kills it.</li>
 * </ol>
 */
record Draining(String report, List<String> failures) {

    /**
     * CoreDNS's kubernetes plugin answers with this TTL (its {@code ttl} option, 5 s unless set; kind's
     * and minikube's Corefiles leave it); its cache plugin keeps an answer no longer than its TTL.
     */
    static final Duration DNS_TTL = Duration.ofSeconds(5);
    /**
     * From a pod's deletion to CoreDNS answering without it: the EndpointSlice controller and
     * CoreDNS's watch take well under a second on an idle cluster; 3 s allows for a busy control
     * plane, and for the discovery's DNS query itself (milliseconds).
     */
    static final Duration ENDPOINT_PROPAGATION = Duration.ofSeconds(3);
    /**
     * After the shutdown timeout the JVM still stops its extensions (the database pool; OpenTelemetry
     * waits up to 2 s for its last spans, quarkus.otel.experimental.shutdown-wait-time) and exits.
     */
    static final Duration EXIT = Duration.ofSeconds(5);
    /** Kubernetes' grace period when a pod sets none. */
    static final long DEFAULT_GRACE_SECONDS = 30;

    static Draining of(Rendered rendered, Path repository, List<String> services) {
        List<ConfigInCluster> configs = services.stream().map(s -> ConfigInCluster.of(rendered, repository, s)).toList();
        List<Discovery> discoveries = configs.stream().flatMap(c -> c.discoveries().stream()).toList();
        StringBuilder report = new StringBuilder(rendered.name() + ": draining\n");
        if (discoveries.stream().noneMatch(d -> d.caller().equals("gateway"))) {
            return new Draining(report.toString(), List.of(
                    "the gateway discovers no replicas in " + rendered.name() + " (no quarkus.stork.*.service-discovery of a type but static): nothing to compute the draining from"));
        }
        Discovery longest = discoveries.stream().max(Comparator.comparing(Discovery::refresh)).orElseThrow();
        Duration held = longest.refresh().plus(DNS_TTL).plus(ENDPOINT_PROPAGATION);
        report.append("  a caller may hold a stopping pod's address %s: discovery refresh %s (the longest of %d discoveries: %s's %s) + DNS TTL %s + endpoint propagation %s%n"
                .formatted(seconds(held), seconds(longest.refresh()), discoveries.size(), longest.caller(), longest.name(),
                        seconds(DNS_TTL), seconds(ENDPOINT_PROPAGATION)));

        List<String> failures = new ArrayList<>();
        for (ConfigInCluster config : configs) {
            String service = config.service();
            boolean delayed = config.value("quarkus.shutdown.delay-enabled").map(Boolean::parseBoolean).orElse(false);
            Duration delay = delayed ? config.duration("quarkus.shutdown.delay").orElse(Duration.ZERO) : Duration.ZERO;
            Duration timeout = config.duration("quarkus.shutdown.timeout").orElse(Duration.ZERO);
            Long graceSeconds = rendered.named(Deployment.class, service).orElseThrow()
                    .getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            Duration grace = Duration.ofSeconds(graceSeconds == null ? DEFAULT_GRACE_SECONDS : graceSeconds);
            Duration needed = delay.plus(timeout).plus(EXIT);
            report.append("  %-16s serves %s after SIGTERM, then up to %s for requests in flight, + %s to exit = %s of a %s grace period%n"
                    .formatted(service, seconds(delay), seconds(timeout), seconds(EXIT), seconds(needed), seconds(grace)));
            if (delay.compareTo(held) < 0) {
                failures.add("%s serves %s after SIGTERM (quarkus.shutdown.delay%s), but a caller may still send it requests for %s: make the delay longer (common's quarkus.kubernetes.env.vars.quarkus-shutdown-delay) or the refresh shorter"
                        .formatted(service, seconds(delay), delayed ? "" : ", not enabled", seconds(held)));
            }
            if (grace.compareTo(needed) < 0) {
                failures.add("%s: its grace period of %s ends before the shutdown delay %s, the timeout %s and %s to exit are over, and the kubelet kills it: make terminationGracePeriodSeconds (%s/src/main/kubernetes/kubernetes.yml) at least %s"
                        .formatted(service, seconds(grace), seconds(delay), seconds(timeout), seconds(EXIT), service, seconds(needed)));
            }
        }
        return new Draining(report.toString().stripTrailing(), List.copyOf(failures));
    }

    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }
}
