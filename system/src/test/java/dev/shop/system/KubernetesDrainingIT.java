package dev.shop.system;

import dev.shop.system.ConfigInCluster.Discovery;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scaling in, a rolling update or a drain stops pods while the shop serves; these checks compute,
 * for every overlay, from the rendered manifests and the services' configuration as they run from
 * them, that no caller loses a request to it:
 *
 * <ul>
 *   <li>a stopping pod goes on serving longer than any caller can still hold its address, and is
 *   given the time to finish ({@link Draining});</li>
 *   <li>an update never takes the last ready replica of a Deployment, and never leaves the shop's
 *   services with fewer serving replicas than they want; the pods it adds, and those still draining,
 *   fit the connection budgets ({@link ConnectionBudgets});</li>
 *   <li>the services leave it to Kubernetes to list only ready replicas: where they discover
 *   replicas through headless Services, which list only ready pods, they do not check readiness
 *   themselves (that would need their callees' management ports opened to them).</li>
 * </ul>
 */
class KubernetesDrainingIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("shop.repository"));
    private static final List<String> SERVICES = List.of("catalog-service", "user-service", "order-service", "gateway");

    static Stream<Rendered> overlays() {
        return Rendered.OVERLAYS.stream().map(KubernetesManifestsIT::overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void aStoppingPodServesLongerThanAnyCallerHoldsItsAddressAndFinishesWithinItsGracePeriod(Rendered rendered) {
        Draining draining = Draining.of(rendered, REPOSITORY, SERVICES);
        System.out.println(draining.report());
        assertEquals(List.of(), draining.failures(), draining.report());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noUpdateTakesTheLastReadyReplicaNorAnyServiceReplicaBeforeItsReplacementIsReady(Rendered rendered) {
        assertEquals(List.of(), updateFailures(rendered));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void whereReplicasAreFoundThroughHeadlessServicesKubernetesAloneChecksTheirReadiness(Rendered rendered) {
        assertEquals(List.of(), readinessCheckFailures(rendered));
    }

    /** Every check above fails when one of the numbers it computes from is broken (each in a render of its own). */
    @Test
    void eachCheckFailsWhenANumberIsBroken() throws IOException {
        Rendered slowRefresh = Rendered.overlay("kind");
        setEnv(slowRefresh, "gateway", "QUARKUS_STORK_CATALOG_SERVICE_DISCOVERY_REFRESH_PERIOD", "10S");
        List<String> failures = Draining.of(slowRefresh, REPOSITORY, SERVICES).failures();
        assertTrue(failures.size() == SERVICES.size() && failures.stream().allMatch(f -> f.contains("for 18 s")),
                "a refresh of 10 s holds an address 18 s, longer than any service's delay: " + failures);

        Rendered shortDelay = Rendered.overlay("kind");
        setEnv(shortDelay, "user-service", "QUARKUS_SHUTDOWN_DELAY", "12s");
        failures = Draining.of(shortDelay, REPOSITORY, SERVICES).failures();
        assertTrue(failures.size() == 1 && failures.getFirst().startsWith("user-service serves 12 s"), "a delay of 12 s is too short: " + failures);

        Rendered noDiscovery = Rendered.overlay("kind");
        setEnv(noDiscovery, "gateway", "SHOP_DISCOVERY", "static");
        failures = Draining.of(noDiscovery, REPOSITORY, SERVICES).failures();
        assertTrue(failures.size() == 1 && failures.getFirst().startsWith("the gateway discovers no replicas"), "nothing to compute from: " + failures);

        Rendered shortGrace = Rendered.overlay("kind");
        shortGrace.named(Deployment.class, "order-service").orElseThrow().getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(20L);
        failures = Draining.of(shortGrace, REPOSITORY, SERVICES).failures();
        assertTrue(failures.size() == 1 && failures.getFirst().startsWith("order-service: its grace period of 20 s"), "20 s cannot hold 15 + 3 + 5: " + failures);

        Rendered unavailable = Rendered.overlay("kind");
        rollingUpdate(unavailable, "catalog-service").setMaxUnavailable(new IntOrString(2));
        unavailable.named(Deployment.class, "pgbouncer").orElseThrow().getSpec().setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
        failures = updateFailures(unavailable);
        assertTrue(failures.size() == 3
                        && failures.stream().filter(f -> f.startsWith("catalog-service")).count() == 2
                        && failures.stream().anyMatch(f -> f.startsWith("pgbouncer: at 2 replicas")),
                "catalog-service may lose both of its two replicas and be below its wanted count; a Recreate stops both PgBouncers: " + failures);

        Rendered surge = Rendered.overlay("kind");
        rollingUpdate(surge, "catalog-service").setMaxSurge(new IntOrString(60));
        failures = ConnectionBudgets.of(surge, REPOSITORY, KubernetesManifestsIT.DATA_SERVICES).failures();
        assertTrue(failures.size() == 2 && failures.getFirst().startsWith("clients:") && failures.getLast().startsWith("servers:"),
                "60 catalog-service pods more overflow PgBouncer's clients, and PostgreSQL's servers as they migrate: " + failures);

        Rendered quoted = Rendered.overlay("kind");
        rollingUpdate(quoted, "gateway").setMaxSurge(new IntOrString("1"));
        AssertionError refused = assertThrows(AssertionError.class, () -> updateFailures(quoted));
        assertTrue(refused.getMessage().startsWith("gateway's maxSurge is the string \"1\""), refused.getMessage());

        Rendered checking = Rendered.overlay("kind");
        shopConfig(checking).getData().put("SHOP_REPLICAS_READINESS_CHECKS", "true");
        checking.named(Service.class, "user-service-replicas").orElseThrow().getSpec().setPublishNotReadyAddresses(true);
        failures = readinessCheckFailures(checking);
        assertTrue(failures.stream().filter(f -> f.contains("checks readiness")).count() == discoveries(checking).size()
                        && failures.stream().filter(f -> f.contains("lists pods that are not ready")).count() == 1,
                "every discovery would check readiness, and one headless Service would list unready pods: " + failures);
    }

    /**
     * For every Deployment, at every replica count its autoscaler (or its replicas field) allows: its
     * update keeps at least one replica ready; and for the shop's services, all the replicas they
     * want (maxUnavailable 0: a replica goes only once its replacement is ready).
     */
    static List<String> updateFailures(Rendered rendered) {
        List<String> failures = new ArrayList<>();
        for (Deployment deployment : rendered.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Optional<HorizontalPodAutoscaler> hpa = rendered.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && h.getSpec().getScaleTargetRef().getName().equals(name)).findFirst();
            int fewest = hpa.map(h -> h.getSpec().getMinReplicas())
                    .orElse(deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas());
            int most = hpa.map(h -> h.getSpec().getMaxReplicas()).orElse(fewest);
            for (int replicas = fewest; replicas <= most; replicas++) {
                RollingUpdate update = RollingUpdate.of(deployment, replicas);
                if (update.keptReady(replicas) < 1) {
                    failures.add("%s: at %d replicas an update may have %d of them unready at once: none would serve".formatted(name, replicas, update.maxUnavailable()));
                    break;
                }
            }
            for (int replicas = fewest; replicas <= most; replicas++) {
                RollingUpdate update = RollingUpdate.of(deployment, replicas);
                if (SERVICES.contains(name) && update.maxUnavailable() > 0) {
                    failures.add("%s: at %d replicas an update may take %d away before their replacements are ready: set maxUnavailable 0 (%s/src/main/kubernetes/kubernetes.yml)"
                            .formatted(name, replicas, update.maxUnavailable(), name));
                    break;
                }
            }
        }
        return failures;
    }

    /**
     * Every discovery of replicas names a headless Service of the render (one DNS answer per pod),
     * which lists ready pods only (not publishNotReadyAddresses); a service that discovers replicas
     * there leaves readiness to it (shop.replicas.readiness-checks false). At least the gateway does.
     */
    static List<String> readinessCheckFailures(Rendered rendered) {
        List<String> failures = new ArrayList<>();
        if (discoveries(rendered).stream().noneMatch(d -> d.caller().equals("gateway"))) {
            failures.add("the gateway discovers no replicas in " + rendered.name());
        }
        for (Discovery discovery : discoveries(rendered)) {
            String what = "%s's discovery %s (%s)".formatted(discovery.caller(), discovery.name(), discovery.host());
            String[] labels = discovery.host() == null ? new String[] {""} : discovery.host().split("\\.");
            Optional<Service> service = rendered.named(Service.class, labels[0])
                    .filter(s -> labels.length == 1 || labels[1].equals(s.getMetadata().getNamespace()));
            if (service.isEmpty() || !"None".equals(service.get().getSpec().getClusterIP())) {
                failures.add(what + " names no headless Service of the render: no answer per replica");
                continue;
            }
            if (Boolean.TRUE.equals(service.get().getSpec().getPublishNotReadyAddresses())) {
                failures.add(what + ": Service " + labels[0] + " lists pods that are not ready");
            }
            String checks = ConfigInCluster.of(rendered, REPOSITORY, discovery.caller()).value("shop.replicas.readiness-checks").orElse("true");
            if (!checks.equals("false")) {
                failures.add(what + " checks readiness itself (shop.replicas.readiness-checks " + checks
                        + "), which Kubernetes already did, through management ports no NetworkPolicy opens: set SHOP_REPLICAS_READINESS_CHECKS=false (k8s/base/kustomization.yaml)");
            }
        }
        return failures;
    }

    private static List<Discovery> discoveries(Rendered rendered) {
        return SERVICES.stream().flatMap(s -> ConfigInCluster.of(rendered, REPOSITORY, s).discoveries().stream()).toList();
    }

    private static void setEnv(Rendered rendered, String service, String name, String value) {
        List<EnvVar> env = rendered.named(Deployment.class, service).orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
        env.removeIf(v -> v.getName().equals(name));
        env.add(new EnvVar(name, value, null));
    }

    private static RollingUpdateDeployment rollingUpdate(Rendered rendered, String deployment) {
        return rendered.named(Deployment.class, deployment).orElseThrow().getSpec().getStrategy().getRollingUpdate();
    }

    private static ConfigMap shopConfig(Rendered rendered) {
        return rendered.all(ConfigMap.class).stream().filter(m -> m.getMetadata().getName().startsWith("shop-config")).findFirst().orElseThrow();
    }
}
