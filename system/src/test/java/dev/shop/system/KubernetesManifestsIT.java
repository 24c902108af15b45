package dev.shop.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What can be known about the Kubernetes deployment without a cluster: every overlay of {@code k8s/}
 * renders, parses strictly against the Kubernetes API model (CloudNativePG's resources against its
 * CRDs), and holds together — every reference resolves, every pod is locked down, the
 * NetworkPolicies let through exactly the flows the shop needs, and the services' connection pools
 * at full scale fit into the pooler they query through, and the pooler's into PostgreSQL.
 */
class KubernetesManifestsIT {

    private static final String NAMESPACE = "shop";
    private static final Path REPOSITORY = Path.of(System.getProperty("shop.repository"));
    private static final List<String> SERVICES = List.of("catalog-service", "user-service", "order-service", "gateway");
    static final List<String> DATA_SERVICES = List.of("catalog-service", "user-service", "order-service");
    private static final Map<String, Rendered> RENDERS = new ConcurrentHashMap<>();

    /**
     * Workloads that read the Kubernetes API, and so mount a service-account token: Prometheus (pod
     * discovery) and kube-state-metrics (the observability component), each with a Role of its own.
     */
    static final Set<String> API_READERS = Set.of("prometheus", "kube-state-metrics");

    /**
     * Each overlay, and the kind overlays (with and without the observability component, with
     * CloudNativePG) with the load generator's Job (k8s/load) applied beside them.
     */
    static Stream<Rendered> overlays() {
        Stream<Rendered> overlays = Rendered.OVERLAYS.stream().map(KubernetesManifestsIT::overlay);
        Stream<Rendered> withLoad = Stream.of("kind", "kind-observability", "kind-cnpg").map(o -> RENDERS.computeIfAbsent(o + " + load",
                n -> overlay(o).plus(Rendered.render(Rendered.K8S.resolve("load")))));
        return Stream.concat(overlays, withLoad);
    }

    /** One overlay's render, made once for every test that asks for it. */
    static Rendered overlay(String name) {
        return RENDERS.computeIfAbsent(name, Rendered::overlay);
    }

    @Test
    void theLoadGeneratorRunsOnceAgainstTheGatewayAndStopsByItself() {
        Rendered load = Rendered.render(Rendered.K8S.resolve("load"));
        Job job = load.named(Job.class, "load-generator").orElseThrow(() -> new AssertionError("no Job load-generator in k8s/load"));
        assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
        assertEquals(0, job.getSpec().getBackoffLimit(), "a failed run is reported, not repeated");
        assertNotNull(job.getSpec().getActiveDeadlineSeconds(), "a hard deadline");
        List<String> arguments = job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
        String target = arguments.get(arguments.indexOf("--target") + 1);
        Rendered kind = overlays().findFirst().orElseThrow();
        Service gateway = kind.named(Service.class, "gateway").orElseThrow();
        assertEquals("http://gateway:" + gateway.getSpec().getPorts().getFirst().getPort(), target, "the load goes to the gateway Service");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectParsesStrictlyAsAKindClustersServe(Rendered rendered) {
        assertFalse(rendered.objects().isEmpty(), rendered.name() + " renders nothing");
        for (HasMetadata object : rendered.objects()) {
            String what = rendered.name() + ": " + object.getKind() + "/" + object.getMetadata().getName();
            if (CloudNativePg.isOperatorKind(object)) {
                // A custom resource: checked against the fields its CRD defines (CloudNativePg.SCHEMA).
                assertEquals(List.of(), CloudNativePg.schemaViolations(object), what + " does not fit CloudNativePG " + CloudNativePg.VERSION + "'s CRD");
                continue;
            }
            assertFalse(rendered.unknownKind(object),
                    what + " has " + object.getApiVersion() + " " + object.getKind() + ", not a stable kind of current Kubernetes");
            assertEquals(List.of(), StrictModel.unknownFields(object), what + " has fields the API does not know");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everythingLivesInTheShopNamespace(Rendered rendered) {
        assertTrue(rendered.named(Namespace.class, NAMESPACE).isPresent(), "the namespace itself is part of the render");
        rendered.objects().stream().filter(o -> !(o instanceof Namespace)).forEach(o ->
                assertEquals(NAMESPACE, o.getMetadata().getNamespace(), o.getKind() + "/" + o.getMetadata().getName()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceScalesByCpuWithAnAutoscalerAloneDecidingItsReplicas(Rendered rendered) {
        for (String service : SERVICES) {
            Deployment deployment = rendered.named(Deployment.class, service).orElseThrow(() -> new AssertionError("no Deployment " + service));
            assertNull(deployment.getSpec().getReplicas(), service + ": a replicas field would fight the autoscaler at every apply");
            HorizontalPodAutoscaler hpa = rendered.named(HorizontalPodAutoscaler.class, service)
                    .orElseThrow(() -> new AssertionError("no HorizontalPodAutoscaler for " + service));
            assertTrue(hpa.getSpec().getMinReplicas() >= 1 && hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas(), service);
            assertTrue(hpa.getSpec().getMetrics().stream().anyMatch(m -> m.getResource() != null
                    && m.getResource().getName().equals("cpu") && m.getResource().getTarget().getAverageUtilization() != null), service + " scales on CPU utilization");
            assertNotNull(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds(), service + " chooses its scale-down window");
        }
        for (HorizontalPodAutoscaler hpa : rendered.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertEquals("apps/v1", target.getApiVersion());
            assertEquals("Deployment", target.getKind());
            Deployment deployment = rendered.named(Deployment.class, target.getName())
                    .orElseThrow(() -> new AssertionError("HPA " + hpa.getMetadata().getName() + " scales a missing Deployment " + target.getName()));
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                assertNotNull(request(container, "cpu"), target.getName() + "/" + container.getName() + ": CPU utilization is relative to the CPU request");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerRequestsCpuAndMemoryAndHasAMemoryLimit(Rendered rendered) {
        rendered.podTemplates().forEach((workload, template) -> {
            for (Container container : template.getSpec().getContainers()) {
                String what = workload + "/" + container.getName();
                assertNotNull(request(container, "cpu"), what + " requests CPU");
                assertNotNull(request(container, "memory"), what + " requests memory");
                assertNotNull(container.getResources().getLimits().get("memory"), what + " has a memory limit");
            }
        });
    }

    /** An image named by a version, never latest (or no tag, which is latest): what runs is what was tested. */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyImageIsPinnedToAVersion(Rendered rendered) {
        rendered.podTemplates().forEach((workload, template) -> template.getSpec().getContainers().forEach(container -> {
            String image = container.getImage();
            String name = image.substring(image.lastIndexOf('/') + 1);
            String tag = name.contains(":") ? name.substring(name.indexOf(':') + 1) : "";
            assertTrue(image.contains("@sha256:") || !tag.isEmpty() && !tag.equals("latest") && tag.matches("v?[0-9].*"),
                    workload + "/" + container.getName() + " runs " + image + ", not a version");
        }));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceSelectsPodsAndTargetsOneOfTheirPorts(Rendered rendered) {
        for (Service service : rendered.all(Service.class)) {
            String name = service.getMetadata().getName();
            List<String> workloads = rendered.workloadsSelectedBy(service.getSpec().getSelector());
            assertFalse(workloads.isEmpty(), "Service " + name + " selects no pods");
            for (String workload : workloads) {
                List<ContainerPort> ports = rendered.podTemplates().get(workload).getSpec().getContainers().stream()
                        .flatMap(c -> c.getPorts().stream()).toList();
                for (ServicePort port : service.getSpec().getPorts()) {
                    var target = port.getTargetPort();
                    assertTrue(ports.stream().anyMatch(p -> target.getIntVal() != null
                                    ? p.getContainerPort().equals(target.getIntVal()) : target.getStrVal().equals(p.getName())),
                            "Service " + name + " targets port " + target + ", which " + workload + " does not declare");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySecretConfigMapKeyAndServiceAccountAPodReadsIsDefined(Rendered rendered) {
        rendered.podTemplates().forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            if (pod.getServiceAccountName() != null) {
                assertTrue(rendered.named(ServiceAccount.class, pod.getServiceAccountName()).isPresent(),
                        workload + " runs as a missing ServiceAccount " + pod.getServiceAccountName());
            }
            Map<String, Volume> volumes = new HashMap<>();
            pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
            rendered.named(StatefulSet.class, workload).ifPresent(set -> set.getSpec().getVolumeClaimTemplates()
                    .forEach(claim -> volumes.put(claim.getMetadata().getName(), new Volume())));
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    keysOfSecret(rendered, volume.getSecret().getSecretName(), workload);
                }
                if (volume.getConfigMap() != null) {
                    keysOfConfigMap(rendered, volume.getConfigMap().getName(), workload);
                }
            }
            for (Container container : pod.getContainers()) {
                String what = workload + "/" + container.getName();
                container.getEnvFrom().forEach(source -> {
                    if (source.getConfigMapRef() != null) {
                        keysOfConfigMap(rendered, source.getConfigMapRef().getName(), what);
                    }
                    if (source.getSecretRef() != null) {
                        keysOfSecret(rendered, source.getSecretRef().getName(), what);
                    }
                });
                List<String> defined = new ArrayList<>();
                for (EnvVar variable : container.getEnv()) {
                    var from = variable.getValueFrom();
                    if (from != null && from.getSecretKeyRef() != null) {
                        assertTrue(keysOfSecret(rendered, from.getSecretKeyRef().getName(), what).contains(from.getSecretKeyRef().getKey()),
                                what + " reads key " + from.getSecretKeyRef().getKey() + " of Secret " + from.getSecretKeyRef().getName());
                    }
                    if (from != null && from.getConfigMapKeyRef() != null) {
                        assertTrue(keysOfConfigMap(rendered, from.getConfigMapKeyRef().getName(), what).contains(from.getConfigMapKeyRef().getKey()),
                                what + " reads key " + from.getConfigMapKeyRef().getKey() + " of ConfigMap " + from.getConfigMapKeyRef().getName());
                    }
                    if (variable.getValue() != null) {
                        var references = java.util.regex.Pattern.compile("\\$\\(([A-Z0-9_]+)\\)").matcher(variable.getValue());
                        while (references.find()) {
                            assertTrue(defined.contains(references.group(1)),
                                    what + ": " + variable.getName() + " refers to $(" + references.group(1) + "), not defined before it");
                        }
                        fileInAVolume(rendered, container, volumes, variable.getValue(), what);
                    }
                    defined.add(variable.getName());
                }
                // A program's own files, named in its arguments (--config.file=/etc/..., say).
                for (String argument : container.getArgs()) {
                    fileInAVolume(rendered, container, volumes, argument.substring(argument.indexOf('=') + 1), what);
                }
                for (VolumeMount mount : container.getVolumeMounts()) {
                    assertTrue(volumes.containsKey(mount.getName()), what + " mounts a volume " + mount.getName() + " the pod does not have");
                }
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDisruptionBudgetAndNetworkPolicySelectsPods(Rendered rendered) {
        for (PodDisruptionBudget budget : rendered.all(PodDisruptionBudget.class)) {
            assertFalse(rendered.workloadsSelectedBy(Rendered.matchLabels(budget.getSpec().getSelector())).isEmpty(),
                    "PodDisruptionBudget " + budget.getMetadata().getName() + " selects no pods");
        }
        for (String service : SERVICES) {
            assertTrue(rendered.all(PodDisruptionBudget.class).stream().anyMatch(b ->
                            rendered.workloadsSelectedBy(Rendered.matchLabels(b.getSpec().getSelector())).equals(List.of(service))),
                    service + " has a PodDisruptionBudget of its own");
        }
        Map<String, Map<String, String>> pods = podLabels(rendered);
        for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
            Map<String, String> selector = Rendered.matchLabels(policy.getSpec().getPodSelector());
            assertTrue(pods.values().stream().anyMatch(labels -> Rendered.matches(selector, labels)),
                    "NetworkPolicy " + policy.getMetadata().getName() + " selects no pods");
        }
    }

    /**
     * A budget that lets a drain evict every pod its workload may be down to protects nothing: with
     * maxUnavailable k the autoscaler's floor must be above k, with minAvailable m above m.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everyDisruptionBudgetCanHold(Rendered rendered) {
        for (PodDisruptionBudget budget : rendered.all(PodDisruptionBudget.class)) {
            for (String workload : rendered.workloadsSelectedBy(Rendered.matchLabels(budget.getSpec().getSelector()))) {
                int fewest = rendered.named(HorizontalPodAutoscaler.class, workload)
                        .map(hpa -> hpa.getSpec().getMinReplicas())
                        .or(() -> rendered.named(StatefulSet.class, workload).map(set -> set.getSpec().getReplicas()))
                        .or(() -> rendered.named(Deployment.class, workload).map(d -> d.getSpec().getReplicas()))
                        .orElse(1);
                var maxUnavailable = budget.getSpec().getMaxUnavailable();
                var minAvailable = budget.getSpec().getMinAvailable();
                String name = "PodDisruptionBudget " + budget.getMetadata().getName() + " of " + workload;
                assertTrue(maxUnavailable == null || maxUnavailable.getIntVal() != null,
                        name + ": a whole number of pods, not a percentage");
                assertTrue(minAvailable == null || minAvailable.getIntVal() != null,
                        name + ": a whole number of pods, not a percentage");
                if (maxUnavailable != null) {
                    assertTrue(fewest > maxUnavailable.getIntVal(), name + " lets a drain evict all of its "
                            + fewest + " replicas: it can never hold (raise minReplicas, or drop the budget)");
                }
                if (minAvailable != null) {
                    assertTrue(fewest > minAvailable.getIntVal(), name + " blocks every drain of its "
                            + fewest + " replicas, or protects nothing");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodRunsLockedDown(Rendered rendered) {
        rendered.podTemplates().forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            if (API_READERS.contains(workload)) {
                assertEquals(Boolean.TRUE, pod.getAutomountServiceAccountToken(), workload + " reads the API with its token");
                assertTrue(pod.getServiceAccountName() != null && !pod.getServiceAccountName().equals("default"),
                        workload + " reads the API as a service account of its own, not the namespace's default");
            } else {
                assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), workload + " needs no API token");
            }
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), workload + " runs as non-root");
            for (Container container : pod.getContainers()) {
                String what = workload + "/" + container.getName();
                var security = container.getSecurityContext();
                assertNotNull(security, what + " has a security context");
                Long user = security.getRunAsUser() != null ? security.getRunAsUser() : pod.getSecurityContext().getRunAsUser();
                assertTrue(user != null && user > 0, what + " runs as a numeric, non-root user (runAsNonRoot cannot check a user name)");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), what + " may not escalate privileges");
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), what + " has a read-only root filesystem");
                assertTrue(security.getCapabilities().getDrop().contains("ALL"), what + " drops every capability");
                assertTrue(security.getCapabilities().getAdd().isEmpty(), what + " adds no capability");
                var seccomp = security.getSeccompProfile() != null ? security.getSeccompProfile() : pod.getSecurityContext().getSeccompProfile();
                assertTrue(seccomp != null && seccomp.getType().equals("RuntimeDefault"), what + " runs under the runtime's seccomp profile");
                assertEquals("IfNotPresent", container.getImagePullPolicy(), what + " uses a loaded image (kind load / minikube image load)");
                VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                        .orElseThrow(() -> new AssertionError(what + " has no writable /tmp"));
                assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(tmp.getName()) && v.getEmptyDir() != null),
                        what + ": /tmp is an emptyDir");
            }
        });
    }

    /**
     * Every port every pod declares, and who may connect to it: nobody but the sources below, tried
     * from every pod of the render (and those CloudNativePG makes from it), from its operator when
     * the render has a Cluster, and from outside the namespace. A pod or port missing from the table
     * fails, so each new one is a decision.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void theNetworkPoliciesLetThroughExactlyTheFlowsTheShopNeeds(Rendered rendered) {
        IngressRules rules = IngressRules.of(rendered);
        Map<String, Map<String, String>> pods = podLabels(rendered);
        Map<String, IngressRules.Source> sources = new TreeMap<>();
        pods.forEach((pod, labels) -> sources.put(pod, IngressRules.inShop(labels)));
        sources.put("outside", IngressRules.OUTSIDE);
        if (!CloudNativePg.all(rendered, "Cluster").isEmpty()) {
            sources.put("cnpg-operator", CloudNativePg.OPERATOR);
        }
        Map<String, Map<Integer, Set<String>>> flows = allowedFlows(rendered, Set.copyOf(sources.keySet()));
        podPorts(rendered).forEach((workload, ports) -> ports.forEach(port -> assertTrue(
                flows.getOrDefault(workload, Map.of()).containsKey(port),
                rendered.name() + ": " + workload + " listens on " + port + ": who may connect to it?")));
        flows.forEach((target, ports) -> {
            assertTrue(pods.containsKey(target), rendered.name() + " has no pods " + target);
            ports.forEach((port, allowed) -> sources.forEach((source, from) -> {
                // Between the pods of one workload only where the table says so (PostgreSQL's instances).
                if (!source.equals(target) || allowed.contains(source)) {
                    assertEquals(allowed.contains(source), rules.allows(from, pods.get(target), port),
                            rendered.name() + ": " + source + " → " + target + ":" + port);
                }
            }));
            assertFalse(rules.allows(IngressRules.OUTSIDE, pods.get(target), 9999), target + " is closed on ports it does not serve");
        });
    }

    /**
     * Who may connect to each pod's ports ({@code everyone}: any pod and the outside). The
     * observability component, when the render has it, adds its own flows and Prometheus's scrapes
     * of the services' management port; without it nothing reaches that port. The database: k8s/base's
     * PgBouncer and PostgreSQL, or, where CloudNativePG runs it, its Pooler and instances (and the
     * operator, and the instances' Jobs), each with the data services' migrations straight to PostgreSQL.
     */
    static Map<String, Map<Integer, Set<String>>> allowedFlows(Rendered rendered, Set<String> everyone) {
        boolean observed = rendered.named(Deployment.class, "prometheus").isPresent();
        Set<String> scrapers = observed ? Set.of("prometheus") : Set.of();
        Map<String, Map<Integer, Set<String>>> flows = new TreeMap<>();
        flows.put("gateway", Map.of(8080, everyone, 9000, scrapers));
        flows.put("catalog-service", Map.of(8080, Set.of("gateway", "order-service"), 9000, scrapers));
        flows.put("user-service", Map.of(8080, Set.of("gateway", "catalog-service", "order-service"), 9000, scrapers));
        flows.put("order-service", Map.of(8080, Set.of("gateway"), 9000, scrapers));
        List<JsonNode> clusters = CloudNativePg.all(rendered, "Cluster");
        if (clusters.isEmpty()) {
            flows.put("pgbouncer", Map.of(5432, Set.copyOf(DATA_SERVICES)));
            flows.put("postgres", Map.of(5432, union(DATA_SERVICES, "pgbouncer")));
        }
        for (JsonNode cluster : clusters) {
            String name = cluster.path("metadata").path("name").asText();
            List<String> poolers = CloudNativePg.all(rendered, "Pooler").stream()
                    .filter(p -> p.path("spec").path("cluster").path("name").asText().equals(name))
                    .map(p -> p.path("metadata").path("name").asText()).toList();
            List<String> postgres = new ArrayList<>(poolers);
            postgres.addAll(List.of(name, name + "-jobs", "cnpg-operator"));
            flows.put(name, Map.of(
                    5432, union(DATA_SERVICES, postgres.toArray(String[]::new)),
                    8000, Set.of(name, name + "-jobs", "cnpg-operator"),
                    9187, Set.of()));
            poolers.forEach(pooler -> flows.put(pooler, Map.of(5432, Set.copyOf(DATA_SERVICES), 9127, Set.of())));
        }
        if (observed) {
            flows.put("prometheus", Map.of(9090, Set.of("grafana")));
            flows.put("kube-state-metrics", Map.of(8080, Set.of("prometheus"), 8081, Set.of()));
            flows.put("otel-collector", Map.of(4317, Set.copyOf(SERVICES), 4318, Set.copyOf(SERVICES), 13133, Set.of()));
            flows.put("jaeger", Map.of(4317, Set.of("otel-collector"), 16686, Set.of("grafana"), 14269, Set.of()));
            flows.put("grafana", Map.of(3000, Set.of()));
        }
        return flows;
    }

    private static Set<String> union(List<String> some, String... more) {
        Set<String> all = new java.util.TreeSet<>(some);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    /** The labels of every pod of the render, and of those CloudNativePG makes from its Clusters and Poolers, by workload. */
    static Map<String, Map<String, String>> podLabels(Rendered rendered) {
        Map<String, Map<String, String>> pods = new TreeMap<>();
        rendered.podTemplates().forEach((workload, template) -> pods.put(workload, template.getMetadata().getLabels()));
        CloudNativePg.pods(rendered).forEach((name, pod) -> pods.put(name, pod.labels()));
        return pods;
    }

    /** The ports those pods' containers declare, by workload. */
    static Map<String, Set<Integer>> podPorts(Rendered rendered) {
        Map<String, Set<Integer>> ports = new TreeMap<>();
        rendered.podTemplates().forEach((workload, template) -> ports.put(workload, template.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream()).map(ContainerPort::getContainerPort).collect(java.util.stream.Collectors.toSet())));
        CloudNativePg.pods(rendered).forEach((name, pod) -> ports.put(name, pod.ports()));
        return ports;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheGatewayIsExposedOutsideTheCluster(Rendered rendered) {
        for (Service service : rendered.all(Service.class)) {
            String type = service.getSpec().getType() == null ? "ClusterIP" : service.getSpec().getType();
            assertEquals(service.getMetadata().getName().equals("gateway") ? "NodePort" : "ClusterIP", type,
                    "type of Service " + service.getMetadata().getName());
        }
    }

    @Test
    void kindPublishesTheGatewaysNodePortOnLocalhost8080() throws IOException {
        Rendered kind = overlays().filter(r -> r.name().endsWith("kind")).findFirst().orElseThrow();
        int nodePort = kind.named(Service.class, "gateway").orElseThrow().getSpec().getPorts().getFirst().getNodePort();
        JsonNode cluster = new ObjectMapper(new YAMLFactory()).readTree(Rendered.K8S.resolve("overlays/kind/cluster.yaml").toFile());
        JsonNode mapping = cluster.path("nodes").path(0).path("extraPortMappings").path(0);
        assertEquals(nodePort, mapping.path("containerPort").asInt(), "kind maps the gateway's node port");
        assertEquals(8080, mapping.path("hostPort").asInt());
        assertEquals("127.0.0.1", mapping.path("listenAddress").asText());
    }

    /**
     * The services' pools at full scale fit into the pooler, and the pooler's pools, the migrations
     * and a reserve into PostgreSQL (ConnectionBudgets: the rules); both budgets printed.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void theConnectionPoolsAtFullScaleFitThePoolerAndThePoolersFitPostgres(Rendered rendered) throws IOException {
        ConnectionBudgets budgets = ConnectionBudgets.of(rendered, REPOSITORY, DATA_SERVICES);
        System.out.println(budgets.report());
        assertEquals(List.of(), budgets.failures(), budgets.report());
    }

    /** The budget check fails when a number no longer fits: once for the clients, once for the servers, on both topologies. */
    @Test
    void theConnectionBudgetsFailWhenANumberDoesNotFit() throws IOException {
        Rendered kind = Rendered.overlay("kind");
        kind.named(HorizontalPodAutoscaler.class, "catalog-service").orElseThrow().getSpec().setMaxReplicas(100);
        ConnectionBudgets budgets = ConnectionBudgets.of(kind, REPOSITORY, DATA_SERVICES);
        assertTrue(budgets.failures().size() == 2 && budgets.failures().getFirst().startsWith("clients:")
                        && budgets.failures().getLast().startsWith("servers:"),
                "100 catalog-service replicas overflow PgBouncer's clients and PostgreSQL's servers:\n" + budgets.report());

        Rendered cnpg = Rendered.overlay("kind-cnpg");
        GenericKubernetesResource pooler = cnpg.all(GenericKubernetesResource.class).stream()
                .filter(o -> o.getKind().equals("Pooler")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) pooler
                .getAdditionalProperties().get("spec")).get("pgbouncer")).get("parameters");
        parameters.put("default_pool_size", "40");
        budgets = ConnectionBudgets.of(cnpg, REPOSITORY, DATA_SERVICES);
        assertTrue(budgets.failures().size() == 1 && budgets.failures().getFirst().startsWith("servers:"),
                "pools of 40 per role overflow the Cluster's max_connections:\n" + budgets.report());
        parameters.put("max_client_conn", "100");
        budgets = ConnectionBudgets.of(cnpg, REPOSITORY, DATA_SERVICES);
        assertTrue(budgets.failures().getFirst().startsWith("clients:"), "100 clients per PgBouncer are too few:\n" + budgets.report());
    }

    /**
     * The services query through the pooler and migrate straight to PostgreSQL, and may: each address
     * is a Service (of the render, or one CloudNativePG makes) on port 5432, of pods the
     * NetworkPolicies let the data services reach there. The pooler pools by transaction.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void theServicesQueryThroughThePoolerAndMigrateStraightToPostgres(Rendered rendered) {
        IngressRules rules = IngressRules.of(rendered);
        Map<String, Map<String, String>> pods = podLabels(rendered);
        URI queries = ConnectionBudgets.commonUrl(rendered, DATA_SERVICES, "QUARKUS_DATASOURCE_JDBC_URL");
        URI migrations = ConnectionBudgets.commonUrl(rendered, DATA_SERVICES, "QUARKUS_FLYWAY_JDBC_URL");
        assertEquals(queries.getPath(), migrations.getPath(), "queries and migrations go to the same database");
        Map<String, String> pooler = target(rendered, queries);
        Map<String, String> postgres = target(rendered, migrations);
        boolean operated = !CloudNativePg.all(rendered, "Cluster").isEmpty();
        assertEquals(operated ? "pooler" : "pgbouncer", operated ? pooler.get("cnpg.io/podRole") : pooler.get("app.kubernetes.io/name"),
                rendered.name() + ": the services query through " + queries.getHost() + ", not the pooler");
        assertEquals(operated ? "instance" : "postgres", operated ? postgres.get("cnpg.io/podRole") : postgres.get("app.kubernetes.io/name"),
                rendered.name() + ": the services migrate through " + migrations.getHost() + ", not PostgreSQL");
        for (String service : DATA_SERVICES) {
            for (Map<String, String> target : List.of(pooler, postgres)) {
                assertTrue(rules.allows(pods.get(service), target, 5432), rendered.name() + ": the NetworkPolicies keep " + service + " from " + target);
            }
        }
        ConnectionBudgets.pooler(rendered, queries.getHost()); // refuses a PgBouncer that does not pool by transaction
        CloudNativePg.named(rendered, "Pooler", queries.getHost()).ifPresent(p ->
                assertEquals("transaction", p.path("spec").path("pgbouncer").path("poolMode").asText(), "Pooler " + queries.getHost() + " pools by transaction"));
    }

    /** The labels of the pods the Service named by a JDBC URL's host sends connections to, on the URL's port. */
    private static Map<String, String> target(Rendered rendered, URI url) {
        assertEquals(5432, url.getPort(), url + " names PostgreSQL's port");
        String operated = CloudNativePg.services(rendered).get(url.getHost());
        if (operated != null) {
            return CloudNativePg.pods(rendered).get(operated).labels();
        }
        Service service = rendered.named(Service.class, url.getHost())
                .orElseThrow(() -> new AssertionError(rendered.name() + ": " + url + " names no Service"));
        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == url.getPort()), "Service " + url.getHost() + " has port " + url.getPort());
        List<String> workloads = rendered.workloadsSelectedBy(service.getSpec().getSelector());
        assertEquals(1, workloads.size(), "Service " + url.getHost() + " selects " + workloads);
        return rendered.podTemplates().get(workloads.getFirst()).getMetadata().getLabels();
    }

    /** PgBouncer's configuration and start script in k8s/base are database/'s, the ones compose uses, byte for byte. */
    @Test
    void pgBouncersFilesAreTheOnesComposeUses() throws IOException {
        for (String file : List.of("pgbouncer.ini", "pgbouncer-start.sh")) {
            assertEquals(Files.readString(REPOSITORY.resolve("database").resolve(file)),
                    Files.readString(Rendered.K8S.resolve("base/pgbouncer").resolve(file)),
                    "k8s/base/pgbouncer/" + file + " is not a copy of database/" + file + ": build (mvn verify)");
        }
    }

    private static Object request(Container container, String resource) {
        return container.getResources() == null ? null : container.getResources().getRequests().get(resource);
    }

    private static Set<String> keysOfSecret(Rendered rendered, String name, String reader) {
        Secret secret = rendered.named(Secret.class, name).orElseThrow(() -> new AssertionError(reader + " reads a missing Secret " + name));
        Set<String> keys = new java.util.TreeSet<>(secret.getData().keySet());
        keys.addAll(secret.getStringData().keySet());
        return keys;
    }

    private static Set<String> keysOfConfigMap(Rendered rendered, String name, String reader) {
        ConfigMap map = rendered.named(ConfigMap.class, name).orElseThrow(() -> new AssertionError(reader + " reads a missing ConfigMap " + name));
        Set<String> keys = new java.util.TreeSet<>(map.getData().keySet());
        keys.addAll(map.getBinaryData().keySet());
        return keys;
    }

    /**
     * A variable or an argument that names a file in a mounted Secret or ConfigMap (a key file, a
     * configuration file) names a key it has.
     */
    private static void fileInAVolume(Rendered rendered, Container container, Map<String, Volume> volumes, String value, String what) {
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = volumes.get(mount.getName());
            if (volume != null && value.startsWith(mount.getMountPath() + "/")) {
                String key = value.substring(mount.getMountPath().length() + 1);
                if (volume.getSecret() != null) {
                    assertTrue(keysOfSecret(rendered, volume.getSecret().getSecretName(), what).contains(key),
                            what + " expects " + value + ", but Secret " + volume.getSecret().getSecretName() + " has no key " + key);
                }
                if (volume.getConfigMap() != null) {
                    assertTrue(keysOfConfigMap(rendered, volume.getConfigMap().getName(), what).contains(key),
                            what + " expects " + value + ", but ConfigMap " + volume.getConfigMap().getName() + " has no key " + key);
                }
            }
        }
    }
}
