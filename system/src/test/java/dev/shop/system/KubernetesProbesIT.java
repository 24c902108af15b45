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
 * container declares. And they are timed for replicas that start in seconds: a pod is counted ready
 * within about a second of being so, while a slow start still gets its two minutes.
 */
class KubernetesProbesIT {

    @RegisterExtension
    static final RunningShop shop = RunningShop.shared();

    @Test
    void everyProbeOfEveryServiceAnswersUpOnAPortItsContainerDeclares() {
        Rendered kind = Rendered.overlay("kind");
        for (Service service : Service.values()) {
            Container container = containerOf(kind, service);
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

    @Test
    void aPodIsCountedReadyWithinASecondOfBeingReadyAndAStartGetsTwoMinutes() {
        Rendered kind = Rendered.overlay("kind");
        for (Service service : Service.values()) {
            Container container = containerOf(kind, service);
            Probe startup = container.getStartupProbe();
            Probe readiness = container.getReadinessProbe();
            assertTrue(periodSeconds(startup) <= 1, service.module() + "'s startup probe asks every " + periodSeconds(startup) + " s");
            assertTrue(periodSeconds(readiness) <= 1, service.module() + "'s readiness probe asks every " + periodSeconds(readiness) + " s");
            int startBudget = orDefault(startup.getInitialDelaySeconds(), 0) + periodSeconds(startup) * orDefault(startup.getFailureThreshold(), 3);
            assertTrue(startBudget >= 120, service.module() + " is restarted if not started within " + startBudget + " s");
        }
    }

    private static Container containerOf(Rendered rendered, Service service) {
        Deployment deployment = rendered.named(Deployment.class, service.module())
                .orElseThrow(() -> new AssertionError("no Deployment " + service.module()));
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** Kubernetes' default when the field is left out: 10 s. */
    private static int periodSeconds(Probe probe) {
        return orDefault(probe.getPeriodSeconds(), 10);
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
