package dev.shop.system;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What one kustomization of {@code k8s/} renders to ({@code kubectl kustomize}), parsed against the
 * Kubernetes API model (fabric8). Without kubectl on the PATH the tests that need a render are
 * skipped, unless {@code SHOP_REQUIRE_KUBECTL=true} (CI), where that is a failure.
 */
record Rendered(String name, List<HasMetadata> objects) {

    static final Path K8S = Path.of(System.getProperty("shop.repository")).resolve("k8s");
    static final List<String> OVERLAYS = List.of("kind", "minikube", "kind-observability", "minikube-observability", "kind-cnpg");

    /**
     * Group versions and kinds that every current Kubernetes (1.29 and later) serves as stable. The
     * model parses retired betas too (autoscaling/v2beta2, policy/v1beta1...): clusters reject those.
     */
    static final Map<String, Set<String>> SERVED = Map.of(
            "v1", Set.of("Namespace", "ConfigMap", "Secret", "Service", "ServiceAccount"),
            "apps/v1", Set.of("Deployment", "StatefulSet"),
            "batch/v1", Set.of("Job"),
            "autoscaling/v2", Set.of("HorizontalPodAutoscaler"),
            "policy/v1", Set.of("PodDisruptionBudget"),
            "networking.k8s.io/v1", Set.of("NetworkPolicy"),
            "rbac.authorization.k8s.io/v1", Set.of("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"));

    static Rendered overlay(String overlay) {
        return render(K8S.resolve("overlays").resolve(overlay));
    }

    /** What a cluster holds with both applied (the load Job beside the shop, say). */
    Rendered plus(Rendered other) {
        List<HasMetadata> both = new ArrayList<>(objects);
        both.addAll(other.objects);
        return new Rendered(name + " + " + other.name, List.copyOf(both));
    }

    static Rendered render(Path kustomization) {
        requireKubectl();
        String yaml = kubectl("kustomize", kustomization.toString());
        Object parsed = new KubernetesSerialization().unmarshal(yaml);
        List<HasMetadata> objects = new ArrayList<>();
        for (Object object : parsed instanceof List<?> list ? list : List.of(parsed)) {
            objects.add((HasMetadata) object);
        }
        return new Rendered(K8S.relativize(kustomization).toString(), List.copyOf(objects));
    }

    /** Its name only: what a test report shows for each overlay (not every object of it). */
    @Override
    public String toString() {
        return name;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    /** Every pod template in the render (Deployments, StatefulSets, Jobs), by its workload's name. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new TreeMap<>();
        all(Job.class).forEach(j -> templates.put(j.getMetadata().getName(), j.getSpec().getTemplate()));
        all(Deployment.class).forEach(d -> templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        return templates;
    }

    /** The workloads whose pods carry every one of {@code selector}'s labels. */
    List<String> workloadsSelectedBy(Map<String, String> selector) {
        return podTemplates().entrySet().stream()
                .filter(e -> matches(selector, e.getValue().getMetadata().getLabels()))
                .map(Map.Entry::getKey).toList();
    }

    boolean unknownKind(HasMetadata object) {
        return object instanceof GenericKubernetesResource
                || !SERVED.getOrDefault(object.getApiVersion(), Set.of()).contains(object.getKind());
    }

    private static void requireKubectl() {
        boolean available;
        try {
            kubectl("version", "--client");
            available = true;
        } catch (IllegalStateException e) {
            available = false;
        }
        if (!available) {
            String message = "no kubectl on the PATH (it renders k8s/ with its built-in kustomize)";
            if (Boolean.parseBoolean(System.getenv("SHOP_REQUIRE_KUBECTL"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort("Kubernetes manifest checks skipped: " + message);
        }
    }

    private static String kubectl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    /** The labels a selector asks for; these manifests use matchLabels only, so anything else fails. */
    static Map<String, String> matchLabels(LabelSelector selector) {
        if (selector == null || !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("expected a selector with matchLabels only: " + selector);
        }
        return selector.getMatchLabels();
    }
}
