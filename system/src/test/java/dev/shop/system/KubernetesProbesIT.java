package dev.shop.system;

import dev.shop.localrun.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probes in the generated manifests ask the running services what they answer: every probe path
 * of every Deployment says UP (200) on that service's management interface, and asks on a port the
 * container declares.
 */
class KubernetesProbesIT {

    @RegisterExtension
    static final RunningShop shop = RunningShop.shared();

    @Test
    void everyProbeOfEveryServiceAnswersUpOnAPortItsContainerDeclares() {
        Rendered kind = Rendered.overlay("kind");
        for (Service service : Service.values()) {
            Deployment deployment = kind.named(Deployment.class, service.module())
                    .orElseThrow(() -> new AssertionError("no Deployment " + service.module()));
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            for (Probe probe : Stream.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe()).toList()) {
                assertNotNull(probe, service.module() + " has a startup, a readiness and a liveness probe");
                HTTPGetAction get = probe.getHttpGet();
                assertNotNull(get, service.module() + " probes over HTTP");
                assertTrue(container.getPorts().stream().anyMatch(p -> p.getContainerPort().equals(get.getPort().getIntVal())),
                        service.module() + " probes port " + get.getPort() + ", which its container does not declare");
                given().baseUri(shop.managementUri(service).toString())
                        .when().get(get.getPath())
                        .then().statusCode(200).body("status", equalTo("UP"));
            }
        }
    }
}
