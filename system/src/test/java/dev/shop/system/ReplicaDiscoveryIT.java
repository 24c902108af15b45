package dev.shop.system;

import dev.shop.database.ServiceSchema;
import dev.shop.localrun.ServiceProcess;
import dev.shop.testing.TestProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway finds a backend's replicas by DNS, as in compose and Kubernetes: every address the
 * name resolves to gets requests, and a replica that appears is used within 10 seconds. Each
 * catalog-service replica listens on a loopback address of its own (127.0.0.x, as a container has
 * its own IP); a test DNS server answers for the name.
 */
@EnabledOnOs(OS.LINUX)
class ReplicaDiscoveryIT {

    static final String NAME = "catalog.shop.test";

    final List<ServiceProcess> processes = new ArrayList<>();
    TestDns dns;
    /** Every replica's management port, where the gateway asks its readiness (as 9000 in every container). */
    int managementPort;

    @AfterEach
    void stop() {
        TestProcesses.stop(processes.toArray(ServiceProcess[]::new));
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void requestsAreSpreadOverEveryReplicaAndANewOneJoinsWithinTenSeconds() throws Exception {
        int port = ServiceProcess.freePort();
        managementPort = ServiceProcess.freePort();
        ServiceProcess first = replica("127.0.0.2", port, "catalog-a");
        ServiceProcess second = replica("127.0.0.3", port, "catalog-b");
        dns = new TestDns();
        dns.set(NAME, List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3")));
        ServiceProcess gateway = start(dns.gatewayFindingCatalogAs(NAME, port, managementPort).name("gateway-dns")
                .logDirectory(logs()));
        TestProcesses.awaitReady(first, second, gateway);
        // The gateway sends a replica requests once it has seen it ready (asked every second), then a
        // share growing over the slow start (5 s).
        Thread.sleep(6000);

        Map<String, Integer> spread = servedBy(gateway, 100);
        assertEquals(2, spread.size(), spread.toString());
        spread.values().forEach(count -> assertTrue(count >= 30, "uneven spread: " + spread));

        ServiceProcess third = replica("127.0.0.4", port, "catalog-c");
        TestProcesses.awaitReady(third);
        dns.set(NAME, List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"),
                InetAddress.getByName("127.0.0.4")));
        Instant added = Instant.now();
        while (!servedBy(gateway, 10).containsKey("catalog-service/catalog-c")) {
            assertTrue(Duration.between(added, Instant.now()).compareTo(Duration.ofSeconds(10)) < 0,
                    "the new replica got no request within 10 s");
            Thread.sleep(250);
        }
        Thread.sleep(5000); // the new one's share grows over the slow start
        assertEquals(3, servedBy(gateway, 60).size());
    }

    private ServiceProcess replica(String address, int port, String hostName) {
        return start(TestProcesses.service(ServiceSchema.CATALOG).name(hostName).host(address).port(port)
                .managementPort(managementPort)
                .env("HOSTNAME", hostName));
    }

    private ServiceProcess start(ServiceProcess.Builder builder) {
        ServiceProcess process = builder.start();
        processes.add(process);
        return process;
    }

    private static Map<String, Integer> servedBy(ServiceProcess gateway, int requests) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            String replica = given().baseUri(gateway.uri().toString()).when().get("/api/categories")
                    .then().statusCode(200).extract().header("X-Served-By");
            counts.merge(replica, 1, Integer::sum);
        }
        return counts;
    }

    private static java.nio.file.Path logs() {
        return java.nio.file.Path.of(System.getProperty("shop.logs"));
    }
}
