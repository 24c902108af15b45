package dev.shop.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The optional observability component ({@code k8s/components/observability}) as the overlays that
 * use it render it: Prometheus and kube-state-metrics may read no more of the Kubernetes API than
 * they use, nothing holds rights outside namespace shop; every address one piece is given (a scrape
 * target, the services' OTLP endpoint, the collector's exporter, Grafana's data sources) is a
 * Service on a port its pods serve, and the NetworkPolicies let that flow through; the files every
 * piece is told to read are where it is told; the rule files and dashboards in the ConfigMaps are
 * observability/'s, byte for byte.
 */
class KubernetesObservabilityIT {

    private static final String NAMESPACE = "shop";
    private static final List<String> SERVICES = List.of("catalog-service", "user-service", "order-service", "gateway");
    private static final Path OBSERVABILITY = Path.of(System.getProperty("shop.repository")).resolve("observability");
    /** Where the build copies observability/'s files for the component (system/pom.xml). */
    private static final Path GENERATED = Rendered.K8S.resolve("components/observability/generated");
    /** The folders of observability/ the component carries, and the files of each the build copies. */
    private static final Map<String, String> CARRIED = Map.of(
            "prometheus/rules", ".yml",
            "grafana/dashboards", ".json",
            "grafana/provisioning/datasources", ".yml",
            "grafana/provisioning/dashboards", ".yml");
    /** The API group of each kind of object kube-state-metrics may be told to report on. */
    private static final Map<String, String> API_GROUPS = Map.of(
            "pods", "", "deployments", "apps", "horizontalpodautoscalers", "autoscaling",
            "replicasets", "apps", "statefulsets", "apps", "jobs", "batch", "poddisruptionbudgets", "policy");
    /** kubectl apply keeps each object, as JSON, in an annotation: all annotations together at most 256 KiB. */
    private static final int LAST_APPLIED_LIMIT = 256 * 1024;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Rendered> observed() {
        return Stream.of("kind-observability", "minikube-observability").map(KubernetesManifestsIT::overlay);
    }

    static Stream<Rendered> overlays() {
        return KubernetesManifestsIT.overlays();
    }

    // --- RBAC: the least each reader needs -------------------------------------------------------

    @ParameterizedTest
    @MethodSource("overlays")
    void nothingHoldsRightsOutsideTheShopNamespace(Rendered rendered) {
        assertEquals(List.of(), names(rendered.all(ClusterRole.class)), rendered.name() + ": ClusterRoles (rights in every namespace)");
        assertEquals(List.of(), names(rendered.all(ClusterRoleBinding.class)), rendered.name() + ": ClusterRoleBindings");
        for (RoleBinding binding : rendered.all(RoleBinding.class)) {
            String name = "RoleBinding " + binding.getMetadata().getName();
            assertEquals("Role", binding.getRoleRef().getKind(), name + " grants a Role of namespace shop, not a ClusterRole's rights");
            assertTrue(rendered.named(Role.class, binding.getRoleRef().getName()).isPresent(), name + " grants a missing Role");
            assertFalse(binding.getSubjects().isEmpty(), name + " binds nobody");
            for (Subject subject : binding.getSubjects()) {
                assertEquals("ServiceAccount", subject.getKind(), name + " binds service accounts only");
                assertEquals(NAMESPACE, subject.getNamespace(), name + " binds a service account of namespace shop");
                assertTrue(rendered.named(io.fabric8.kubernetes.api.model.ServiceAccount.class, subject.getName()).isPresent(),
                        name + " binds a missing ServiceAccount " + subject.getName());
            }
        }
        rendered.podTemplates().forEach((workload, template) -> {
            if (!KubernetesManifestsIT.API_READERS.contains(workload)) {
                String account = template.getSpec().getServiceAccountName();
                assertTrue(account == null || account.equals("default") || grants(rendered, account).isEmpty(),
                        workload + " reads no API and is granted nothing");
            }
        });
    }

    /**
     * Prometheus discovers the pods of namespace shop and nothing else (no nodes, Services, endpoints,
     * other namespaces): so it may get, list and watch pods in shop, and nothing more.
     */
    @ParameterizedTest
    @MethodSource("observed")
    void prometheusMayOnlyReadThePodsOfTheShop(Rendered rendered) {
        String account = podSpec(rendered, "prometheus").getServiceAccountName();
        assertEquals(new TreeSet<>(Set.of("/pods:get", "/pods:list", "/pods:watch")), grants(rendered, account),
                "what Prometheus's service account " + account + " may do (API group/resource:verb)");
        for (JsonNode job : prometheusConfig(rendered).path("scrape_configs")) {
            for (JsonNode discovery : job.path("kubernetes_sd_configs")) {
                String what = "scrape job " + job.path("job_name").asText();
                assertEquals("pod", discovery.path("role").asText(), what + " discovers pods (its Role lets it read nothing else)");
                assertEquals(List.of(NAMESPACE), texts(discovery.path("namespaces").path("names")),
                        what + " looks in namespace shop only (its Role is there)");
            }
        }
    }

    /** kube-state-metrics may list and watch exactly the kinds of object it is told to report on, in shop. */
    @ParameterizedTest
    @MethodSource("observed")
    void kubeStateMetricsMayOnlyListAndWatchWhatItReportsOn(Rendered rendered) {
        Container container = podSpec(rendered, "kube-state-metrics").getContainers().getFirst();
        Set<String> resources = new TreeSet<>(Arrays.asList(argument(container, "--resources").split(",")));
        assertEquals(NAMESPACE, argument(container, "--namespaces"), "kube-state-metrics looks in namespace shop only, where its Role is");
        assertTrue(resources.containsAll(Set.of("deployments", "horizontalpodautoscalers", "pods")),
                "the Scaling dashboard's replicas, autoscalers, requests and readiness: " + resources);
        Set<String> needed = new TreeSet<>();
        for (String resource : resources) {
            String group = API_GROUPS.get(resource);
            assertNotNull(group, "the API group of " + resource + " (add it to API_GROUPS)");
            needed.add(group + "/" + resource + ":list");
            needed.add(group + "/" + resource + ":watch");
        }
        String account = podSpec(rendered, "kube-state-metrics").getServiceAccountName();
        assertEquals(needed, grants(rendered, account), "what kube-state-metrics's service account " + account + " may do");
    }

    /** Every kube_* metric a dashboard or a rule asks for is one kube-state-metrics is told to collect. */
    @ParameterizedTest
    @MethodSource("observed")
    void theDashboardsAndRulesAskOnlyForObjectsKubeStateMetricsReportsOn(Rendered rendered) {
        Container container = podSpec(rendered, "kube-state-metrics").getContainers().getFirst();
        Set<String> resources = new TreeSet<>(Arrays.asList(argument(container, "--resources").split(",")));
        Pattern metric = Pattern.compile("\\bkube_([a-z]+)_[a-z_]+");
        for (String map : List.of("grafana-dashboards", "prometheus-rules")) {
            configMap(rendered, map).getData().forEach((file, content) -> {
                Matcher matcher = metric.matcher(content);
                while (matcher.find()) {
                    assertTrue(resources.contains(matcher.group(1) + "s"), file + " asks for " + matcher.group()
                            + ", but kube-state-metrics reports on " + resources + " only (--resources, and its Role)");
                }
            });
        }
    }

    // --- Metrics: who is scraped, how, and may Prometheus reach them ---------------------------

    @ParameterizedTest
    @MethodSource("observed")
    void prometheusScrapesEveryAnnotatedPodOnItsAnnotatedPortAndPath(Rendered rendered) {
        IngressRules rules = IngressRules.of(rendered);
        Map<String, String> prometheus = rendered.podTemplates().get("prometheus").getMetadata().getLabels();
        List<String> annotated = new ArrayList<>();
        rendered.podTemplates().forEach((workload, template) -> {
            Map<String, String> annotations = template.getMetadata().getAnnotations();
            if (annotations != null && "true".equals(annotations.get("prometheus.io/scrape"))) {
                annotated.add(workload);
                int port = Integer.parseInt(annotations.get("prometheus.io/port"));
                assertNotNull(annotations.get("prometheus.io/path"), workload + " names its metrics path");
                assertTrue(ports(template).contains(port), workload + " is scraped on " + port + ", a port it does not declare");
                assertTrue(rules.allows(prometheus, template.getMetadata().getLabels(), port),
                        rendered.name() + ": the NetworkPolicies keep Prometheus from " + workload + ":" + port);
            }
        });
        assertTrue(annotated.containsAll(SERVICES), "every service is annotated for scraping: " + annotated);

        JsonNode job = scrapeJobDiscoveringPods(rendered);
        List<JsonNode> relabels = new ArrayList<>();
        job.path("relabel_configs").forEach(relabels::add);
        assertTrue(relabels.stream().anyMatch(r -> r.path("action").asText().equals("keep")
                        && texts(r.path("source_labels")).equals(List.of("__meta_kubernetes_pod_annotation_prometheus_io_scrape"))
                        && r.path("regex").asText().equals("true")),
                "the pod job keeps the pods annotated prometheus.io/scrape: \"true\" (and only those)");
        assertSetFrom(relabels, "__metrics_path__", "__meta_kubernetes_pod_annotation_prometheus_io_path");
        assertSetFrom(relabels, "__address__", "__meta_kubernetes_pod_annotation_prometheus_io_port");
        // The labels the dashboards and rules group by, the same as under compose.
        assertSetFrom(relabels, "service", "__meta_kubernetes_pod_label_app_kubernetes_io_name");
        assertSetFrom(relabels, "instance", "__meta_kubernetes_pod_name");
        assertSetFrom(relabels, "pod", "__meta_kubernetes_pod_name");
        assertSetFrom(relabels, "namespace", "__meta_kubernetes_namespace");
    }

    // --- Addresses: every one names a Service on a served port, and the flow is let through -----

    @ParameterizedTest
    @MethodSource("observed")
    void everyAddressOnePieceGivesAnotherIsAServiceItMayReach(Rendered rendered) throws IOException {
        for (JsonNode job : prometheusConfig(rendered).path("scrape_configs")) {
            for (JsonNode group : job.path("static_configs")) {
                for (JsonNode target : group.path("targets")) {
                    assertReaches(rendered, "prometheus", "http://" + target.asText(), "scrape job " + job.path("job_name").asText());
                }
            }
            if (job.path("job_name").asText().equals("kube-state-metrics")) {
                assertTrue(job.path("honor_labels").asBoolean(), "kube-state-metrics's labels (namespace, pod, deployment) are kept as they are");
            }
        }
        JsonNode collector = YAML.readTree(configFile(rendered, "otel-collector", "--config"));
        for (var exporter : collector.path("exporters").properties()) {
            String endpoint = exporter.getValue().path("endpoint").asText();
            assertReaches(rendered, "otel-collector", endpoint.contains("://") ? endpoint : "http://" + endpoint, "exporter " + exporter.getKey());
        }
        for (JsonNode source : YAML.readTree(onlyValue(configMap(rendered, "grafana-datasources"))).path("datasources")) {
            assertReaches(rendered, "grafana", source.path("url").asText(), "data source " + source.path("name").asText());
        }
        for (String service : SERVICES) {
            assertReaches(rendered, service, sharedSetting(rendered, service, "SHOP_OTLP_ENDPOINT")
                    .orElseThrow(() -> new AssertionError(service + " is given no SHOP_OTLP_ENDPOINT: it sends no spans")), "SHOP_OTLP_ENDPOINT");
        }
    }

    /** Without the component the services are given no collector: tracing stays off (common's configuration). */
    @ParameterizedTest
    @MethodSource("overlays")
    void onlyWithTheComponentDoTheServicesSendSpans(Rendered rendered) {
        boolean observed = rendered.named(Deployment.class, "otel-collector").isPresent();
        for (String service : SERVICES) {
            assertEquals(observed, sharedSetting(rendered, service, "SHOP_OTLP_ENDPOINT").isPresent(),
                    rendered.name() + ": " + service + " given an OTLP endpoint");
        }
    }

    // --- Files: each piece finds its own where it is told to look -------------------------------

    @ParameterizedTest
    @MethodSource("observed")
    void everyPieceFindsItsFilesWhereItIsToldToLook(Rendered rendered) throws IOException {
        for (JsonNode pattern : prometheusConfig(rendered).path("rule_files")) {
            String glob = pattern.asText();
            String directory = glob.substring(0, glob.lastIndexOf('/'));
            ConfigMap rules = mountedConfigMap(rendered, "prometheus", directory)
                    .orElseThrow(() -> new AssertionError("Prometheus reads rules from " + glob + ", where no ConfigMap is mounted"));
            var matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(glob.lastIndexOf('/') + 1));
            assertFalse(rules.getData().isEmpty(), "ConfigMap " + rules.getMetadata().getName() + " holds rule files");
            rules.getData().keySet().forEach(file -> assertTrue(matcher.matches(Path.of(file)), file + " is not read by rule_files " + glob));
        }
        for (JsonNode provider : YAML.readTree(onlyValue(configMap(rendered, "grafana-dashboard-providers"))).path("providers")) {
            String path = provider.path("options").path("path").asText();
            ConfigMap dashboards = mountedConfigMap(rendered, "grafana", path)
                    .orElseThrow(() -> new AssertionError("Grafana's provider " + provider.path("name").asText() + " reads " + path + ", where no ConfigMap is mounted"));
            assertEquals(configMap(rendered, "grafana-dashboards").getData().keySet(), dashboards.getData().keySet(), "the dashboards at " + path);
        }
        // Grafana's own provisioning folders (GF_PATHS_PROVISIONING, /etc/grafana/provisioning in its image).
        assertEquals(configMap(rendered, "grafana-datasources").getMetadata().getName(),
                mountedConfigMap(rendered, "grafana", "/etc/grafana/provisioning/datasources").map(m -> m.getMetadata().getName()).orElse(null),
                "Grafana's data sources, in its provisioning folder");
        assertEquals(configMap(rendered, "grafana-dashboard-providers").getMetadata().getName(),
                mountedConfigMap(rendered, "grafana", "/etc/grafana/provisioning/dashboards").map(m -> m.getMetadata().getName()).orElse(null),
                "Grafana's dashboard providers, in its provisioning folder");
    }

    /**
     * The rule files, dashboards and Grafana's provisioning are observability/'s own, the ones compose
     * mounts: the build copies them into the component (system/pom.xml) and the ConfigMaps hold them
     * unchanged. A file of observability/ the ConfigMaps lack, or a copy whose original is gone, fails.
     */
    @ParameterizedTest
    @MethodSource("observed")
    void theRulesAndDashboardsAreObservabilitysOwnByteForByte(Rendered rendered) throws IOException {
        List<ConfigMap> maps = rendered.all(ConfigMap.class);
        for (var carried : CARRIED.entrySet()) {
            List<Path> originals = files(OBSERVABILITY.resolve(carried.getKey()), carried.getValue());
            assertFalse(originals.isEmpty(), "observability/" + carried.getKey() + " has no *" + carried.getValue());
            for (Path original : originals) {
                String name = original.getFileName().toString();
                String content = Files.readString(original, StandardCharsets.UTF_8);
                Path copy = GENERATED.resolve(carried.getKey()).resolve(name);
                assertTrue(Files.exists(copy) && Files.mismatch(original, copy) == -1,
                        Rendered.K8S.relativize(copy) + " is not a copy of observability/" + carried.getKey() + "/" + name + ": build (mvn verify)");
                assertTrue(maps.stream().anyMatch(m -> content.equals(m.getData().get(name))),
                        rendered.name() + ": no ConfigMap holds observability/" + carried.getKey() + "/" + name
                                + " as it is (list generated/" + carried.getKey() + "/" + name + " in the component's configMapGenerator)");
            }
            for (Path copy : files(GENERATED.resolve(carried.getKey()), "")) {
                assertTrue(Files.exists(OBSERVABILITY.resolve(carried.getKey()).resolve(copy.getFileName())),
                        Rendered.K8S.relativize(copy) + " is a copy of a file observability/ no longer has: delete it");
            }
        }
    }

    // --- Shape: each piece runs once, is probed, and fits kubectl apply --------------------------

    @ParameterizedTest
    @MethodSource("observed")
    void everyPieceRunsOnceAndIsProbedOnAPortItDeclares(Rendered rendered) {
        List<Deployment> pieces = rendered.all(Deployment.class).stream()
                .filter(d -> "observability".equals(d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component")))
                .toList();
        assertEquals(Set.of("prometheus", "kube-state-metrics", "otel-collector", "jaeger", "grafana"),
                pieces.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet()));
        for (Deployment piece : pieces) {
            String name = piece.getMetadata().getName();
            assertEquals(1, piece.getSpec().getReplicas(), name + " runs one replica (its data is in memory)");
            for (Container container : piece.getSpec().getTemplate().getSpec().getContainers()) {
                assertNotNull(container.getReadinessProbe(), name + " has a readiness probe");
                assertNotNull(container.getLivenessProbe(), name + " has a liveness probe");
                for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
                    assertNotNull(probe.getHttpGet(), name + " is probed over HTTP");
                    assertTrue(ports(piece.getSpec().getTemplate()).contains(probe.getHttpGet().getPort().getIntVal()),
                            name + " is probed on " + probe.getHttpGet().getPort() + ", a port it does not declare");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyConfigMapFitsKubectlApply(Rendered rendered) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (ConfigMap map : rendered.all(ConfigMap.class)) {
            int size = serialization.asJson(map).getBytes(StandardCharsets.UTF_8).length;
            assertTrue(size < LAST_APPLIED_LIMIT, "ConfigMap " + map.getMetadata().getName() + " is " + size
                    + " bytes as JSON: kubectl apply cannot keep it in its last-applied annotation (256 KiB)");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Every "group/resource:verb" the Roles bound to a service account grant it. */
    private static Set<String> grants(Rendered rendered, String account) {
        Set<String> grants = new TreeSet<>();
        for (RoleBinding binding : rendered.all(RoleBinding.class)) {
            if (binding.getSubjects().stream().anyMatch(s -> s.getKind().equals("ServiceAccount") && s.getName().equals(account))) {
                Role role = rendered.named(Role.class, binding.getRoleRef().getName())
                        .orElseThrow(() -> new AssertionError("RoleBinding " + binding.getMetadata().getName() + " grants a missing Role"));
                for (PolicyRule rule : role.getRules()) {
                    assertTrue(rule.getResourceNames().isEmpty() && rule.getNonResourceURLs().isEmpty(), "Role " + role.getMetadata().getName());
                    for (String group : rule.getApiGroups()) {
                        for (String resource : rule.getResources()) {
                            for (String verb : rule.getVerbs()) {
                                grants.add(group + "/" + resource + ":" + verb);
                            }
                        }
                    }
                }
            }
        }
        return grants;
    }

    /**
     * That {@code source}'s pods can open {@code address}: a Service of the render by that name, with
     * that port, whose target port the selected pods declare, and NetworkPolicies that let it in.
     */
    private static void assertReaches(Rendered rendered, String source, String address, String what) {
        String context = rendered.name() + ": " + source + "'s " + what + " (" + address + ")";
        URI uri = URI.create(address);
        assertTrue(uri.getHost() != null && uri.getPort() > 0, context + " names a host and a port");
        Service service = rendered.named(Service.class, uri.getHost())
                .orElseThrow(() -> new AssertionError(context + ": no Service " + uri.getHost()));
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getPort() == uri.getPort()).findFirst()
                .orElseThrow(() -> new AssertionError(context + ": Service " + uri.getHost() + " has no port " + uri.getPort()));
        Map<String, String> from = rendered.podTemplates().get(source).getMetadata().getLabels();
        List<String> targets = rendered.workloadsSelectedBy(service.getSpec().getSelector());
        assertFalse(targets.isEmpty(), context + ": Service " + uri.getHost() + " selects no pods");
        IngressRules rules = IngressRules.of(rendered);
        for (String target : targets) {
            PodTemplateSpec template = rendered.podTemplates().get(target);
            int containerPort = port.getTargetPort().getIntVal() != null ? port.getTargetPort().getIntVal()
                    : template.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                    .filter(p -> port.getTargetPort().getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
                    .findFirst().orElseThrow(() -> new AssertionError(context + ": " + target + " has no port " + port.getTargetPort()));
            assertTrue(rules.allows(from, template.getMetadata().getLabels(), containerPort),
                    context + ": the NetworkPolicies keep " + source + " from " + target + ":" + containerPort);
        }
    }

    private static void assertSetFrom(List<JsonNode> relabels, String label, String source) {
        assertTrue(relabels.stream().anyMatch(r -> r.path("target_label").asText().equals(label)
                        && texts(r.path("source_labels")).contains(source)),
                "the pod job sets " + label + " from " + source);
    }

    /** A setting the service reads from the ConfigMaps it takes its environment from, if one has it. */
    private static Optional<String> sharedSetting(Rendered rendered, String service, String name) {
        Container container = podSpec(rendered, service).getContainers().getFirst();
        return container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef).filter(java.util.Objects::nonNull)
                .map(ref -> rendered.named(ConfigMap.class, ref.getName()).orElseThrow().getData().get(name))
                .filter(java.util.Objects::nonNull).findFirst();
    }

    private static JsonNode scrapeJobDiscoveringPods(Rendered rendered) {
        for (JsonNode job : prometheusConfig(rendered).path("scrape_configs")) {
            if (job.path("kubernetes_sd_configs").size() > 0) {
                return job;
            }
        }
        return fail("no scrape job of Prometheus discovers pods");
    }

    private static JsonNode prometheusConfig(Rendered rendered) {
        try {
            return YAML.readTree(configFile(rendered, "prometheus", "--config.file"));
        } catch (IOException e) {
            throw new AssertionError("Prometheus's configuration is not YAML", e);
        }
    }

    /** The content of the file a container's {@code --flag=path} names, from the ConfigMap mounted there. */
    private static String configFile(Rendered rendered, String workload, String flag) {
        Container container = podSpec(rendered, workload).getContainers().getFirst();
        String file = argument(container, flag);
        String directory = file.substring(0, file.lastIndexOf('/'));
        ConfigMap map = mountedConfigMap(rendered, workload, directory)
                .orElseThrow(() -> new AssertionError(workload + " reads " + file + ", where no ConfigMap is mounted"));
        return Optional.ofNullable(map.getData().get(file.substring(directory.length() + 1)))
                .orElseThrow(() -> new AssertionError(workload + " reads " + file + ", which ConfigMap " + map.getMetadata().getName() + " lacks"));
    }

    /** The ConfigMap mounted at exactly {@code path} in the workload's (first) container. */
    private static Optional<ConfigMap> mountedConfigMap(Rendered rendered, String workload, String path) {
        var pod = podSpec(rendered, workload);
        for (VolumeMount mount : pod.getContainers().getFirst().getVolumeMounts()) {
            if (mount.getMountPath().equals(path)) {
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
                if (volume.getConfigMap() != null) {
                    return rendered.named(ConfigMap.class, volume.getConfigMap().getName());
                }
            }
        }
        return Optional.empty();
    }

    /** A generated ConfigMap, by the name it has before kustomize adds its hash. */
    private static ConfigMap configMap(Rendered rendered, String name) {
        List<ConfigMap> maps = rendered.all(ConfigMap.class).stream()
                .filter(m -> m.getMetadata().getName().matches(Pattern.quote(name) + "-[a-z0-9]{10}")).toList();
        assertEquals(1, maps.size(), rendered.name() + ": ConfigMap " + name);
        return maps.getFirst();
    }

    private static String onlyValue(ConfigMap map) {
        assertEquals(1, map.getData().size(), "ConfigMap " + map.getMetadata().getName() + " holds one file");
        return map.getData().values().iterator().next();
    }

    private static io.fabric8.kubernetes.api.model.PodSpec podSpec(Rendered rendered, String workload) {
        PodTemplateSpec template = rendered.podTemplates().get(workload);
        assertNotNull(template, rendered.name() + " has no workload " + workload);
        return template.getSpec();
    }

    private static Set<Integer> ports(PodTemplateSpec template) {
        return template.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .map(ContainerPort::getContainerPort).collect(Collectors.toSet());
    }

    private static String argument(Container container, String flag) {
        return container.getArgs().stream().filter(a -> a.startsWith(flag + "=")).map(a -> a.substring(flag.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " is given " + flag));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).toList();
    }

    private static List<Path> files(Path directory, String suffix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
