package dev.shop.system;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.List;
import java.util.Map;

/**
 * Whether a render's NetworkPolicies let a connection in, by the rules of the NetworkPolicy API: a
 * pod no policy selects takes anything; a selected pod takes only what one of the rules allows. A
 * source is a pod, with its own labels and its namespace's: one of namespace shop (the render's),
 * one of another namespace (CloudNativePG's operator, say), or, as {@link #OUTSIDE}, anything else.
 */
record IngressRules(List<NetworkPolicy> policies) {

    /** Where a connection comes from: the labels of its namespace and of its pod. */
    record Source(Map<String, String> namespace, Map<String, String> pod) {

        boolean inShop() {
            return SHOP.equals(namespace.get(NAMESPACE_NAME));
        }
    }

    /** The label Kubernetes gives every namespace: its name. */
    static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";
    private static final String SHOP = "shop";

    /**
     * Anything outside the namespace that no policy names: a pod of some other namespace with no
     * particular labels, or an address outside the cluster.
     */
    static final Source OUTSIDE = new Source(Map.of(NAMESPACE_NAME, "somewhere-else"), Map.of());

    static IngressRules of(Rendered rendered) {
        return new IngressRules(rendered.all(NetworkPolicy.class));
    }

    /** A pod of namespace shop, by its labels. */
    static Source inShop(Map<String, String> labels) {
        return new Source(Map.of(NAMESPACE_NAME, SHOP), labels);
    }

    /** From a pod of namespace shop, by its labels. */
    boolean allows(Map<String, String> source, Map<String, String> target, int port) {
        return allows(inShop(source), target, port);
    }

    boolean allows(Source source, Map<String, String> target, int port) {
        List<NetworkPolicy> isolating = policies.stream()
                .filter(p -> Rendered.matches(Rendered.matchLabels(p.getSpec().getPodSelector()), target))
                .filter(p -> p.getSpec().getPolicyTypes().isEmpty() || p.getSpec().getPolicyTypes().contains("Ingress"))
                .toList();
        return isolating.isEmpty() || isolating.stream()
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> admitsSource(rule, source) && admitsPort(rule, port));
    }

    private static boolean admitsSource(NetworkPolicyIngressRule rule, Source source) {
        return rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(peer -> admits(peer, source));
    }

    /**
     * A peer with a pod selector alone admits pods of the policy's own namespace (shop); with a
     * namespace selector, pods of the namespaces it selects (and of those, the pods its pod
     * selector selects, if it has one); an address block is counted as open to anything.
     */
    private static boolean admits(NetworkPolicyPeer peer, Source source) {
        if (peer.getIpBlock() != null) {
            return true;
        }
        boolean namespace = peer.getNamespaceSelector() == null
                ? source.inShop()
                : Rendered.matches(Rendered.matchLabels(peer.getNamespaceSelector()), source.namespace());
        boolean pod = peer.getPodSelector() == null || Rendered.matches(Rendered.matchLabels(peer.getPodSelector()), source.pod());
        return namespace && pod;
    }

    private static boolean admitsPort(NetworkPolicyIngressRule rule, int port) {
        return rule.getPorts().isEmpty() || rule.getPorts().stream().anyMatch(p -> {
            if (p.getPort() == null) {
                return true;
            }
            if (p.getPort().getIntVal() == null) {
                throw new AssertionError("these policies name ports by number: " + p);
            }
            return p.getPort().getIntVal() == port;
        });
    }
}
