package dev.shop.system;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.List;
import java.util.Map;

/**
 * Whether a render's NetworkPolicies let a connection in, by the rules of the NetworkPolicy API: a
 * pod no policy selects takes anything; a selected pod takes only what one of the rules allows. A
 * source is a pod of the namespace (its labels) or, as {@link #OUTSIDE}, anything outside it.
 */
record IngressRules(List<NetworkPolicy> policies) {

    /** A source outside the namespace: no pod labels of it to select. */
    static final Map<String, String> OUTSIDE = null;

    static IngressRules of(Rendered rendered) {
        return new IngressRules(rendered.all(NetworkPolicy.class));
    }

    boolean allows(Map<String, String> source, Map<String, String> target, int port) {
        List<NetworkPolicy> isolating = policies.stream()
                .filter(p -> Rendered.matches(Rendered.matchLabels(p.getSpec().getPodSelector()), target))
                .filter(p -> p.getSpec().getPolicyTypes().isEmpty() || p.getSpec().getPolicyTypes().contains("Ingress"))
                .toList();
        return isolating.isEmpty() || isolating.stream()
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> admitsSource(rule, source) && admitsPort(rule, port));
    }

    private static boolean admitsSource(NetworkPolicyIngressRule rule, Map<String, String> source) {
        return rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(peer -> admits(peer, source));
    }

    private static boolean admits(NetworkPolicyPeer peer, Map<String, String> source) {
        if (peer.getNamespaceSelector() != null || peer.getIpBlock() != null) {
            return true; // may admit pods of other namespaces or outside addresses: counted as open
        }
        return Rendered.matches(Rendered.matchLabels(peer.getPodSelector()), source);
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
