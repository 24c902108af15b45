package dev.shop.system;

import dev.shop.database.ServiceSchema;
import dev.shop.localrun.ServiceProcess;
import dev.shop.testing.TestProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gateway over several catalog-service replicas while they come and go, under steady reads: a
 * replica joins (slow to become ready), one is stopped, one is killed, one freezes. Not one read may
 * fail. Each replica listens on a loopback address of its own (127.0.0.x, as a container has its own
 * IP), all on the same ports; a test DNS server answers for the name, listing a replica from the
 * moment its process exists until it has ended, as Docker's DNS does.
 *
 * <p>Each step also checks the mechanism that carries it, so that the test fails without it: no
 * request reaches a replica before it reports ready; a stopped replica is out of rotation while it
 * still listens (draining); a killed one is taken out at once and the requests it refused went to
 * another; a frozen one is taken out, and once it is, no read waits on it.
 */
@EnabledOnOs(OS.LINUX)
class ReplicaRotationIT {

    static final String NAME = "catalog.rotation.test";
    static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(3);
    /** HTTP/1.1, as Prometheus scrapes (see ServiceProcess on the JDK client's h2c upgrade). */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final List<ServiceProcess> processes = new ArrayList<>();
    final Map<String, ServiceProcess> replicas = new LinkedHashMap<>();
    TestDns dns;
    SteadyReads reads;
    int port;
    int managementPort;
    ServiceProcess gateway;

    @AfterEach
    void stop() throws IOException {
        if (reads != null) {
            reads.close();
        }
        for (ServiceProcess process : processes) {
            // A frozen process ignores SIGTERM until it runs again.
            signal("CONT", process);
        }
        TestProcesses.stop(processes.toArray(ServiceProcess[]::new));
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void replicasJoinLeaveDieAndFreezeWithoutAFailedRead() throws Exception {
        port = ServiceProcess.freePort();
        managementPort = ServiceProcess.freePort();
        dns = new TestDns();
        replica("catalog-a", "127.0.0.2");
        replica("catalog-b", "127.0.0.3");
        listInDns();
        gateway = start(dns.gatewayFindingCatalogAs(NAME, port, managementPort).name("gateway-rotation"));
        TestProcesses.awaitReady(replicas.get("catalog-a"), replicas.get("catalog-b"), gateway);
        await("both replicas in rotation", Duration.ofSeconds(10),
                () -> inRotation("127.0.0.2") && inRotation("127.0.0.3"));

        reads = new SteadyReads(gateway.uri(), 40);
        pause(Duration.ofSeconds(3));

        // --- A replica joins: listed at once, ready only after its warm-up.
        Instant listed = Instant.now();
        ServiceProcess joining = replica("catalog-c", "127.0.0.4");
        listInDns();
        Instant ready = awaitOwnReadiness(joining);
        pause(Duration.ofSeconds(10));
        List<SteadyReads.Read> early = reads.servedBy("catalog-c", listed, ready.minusMillis(50));
        assertEquals(List.of(), early, "requests reached catalog-c before it reported ready");
        List<SteadyReads.Read> share = reads.sentBetween(ready.plusSeconds(7), ready.plusSeconds(10));
        long byNewOne = share.stream().filter(r -> r.servedBy().endsWith("/catalog-c")).count();
        assertTrue(byNewOne >= share.size() / 6, "catalog-c's share 7-10 s after it was ready: " + byNewOne
                + " of " + share.size());

        // --- A replica is stopped (SIGTERM): out of rotation while it still serves, then gone.
        ServiceProcess stopping = replicas.get("catalog-a");
        ProcessHandle.of(stopping.pid()).orElseThrow().destroy();
        Instant stopSent = Instant.now();
        await("catalog-a out of rotation", Duration.ofSeconds(3), () -> !inRotation("127.0.0.2"));
        assertTrue(stopping.isAlive() && Duration.between(stopSent, Instant.now()).compareTo(SHUTDOWN_DELAY) < 0,
                "catalog-a was taken out of rotation only after it stopped listening");
        await("catalog-a ended", Duration.ofSeconds(15), () -> !stopping.isAlive());
        replicas.remove("catalog-a");
        listInDns();
        pause(Duration.ofSeconds(2));

        // --- A replica is killed (SIGKILL): what it refuses goes to another, and it is out at once.
        ServiceProcess killed = replicas.remove("catalog-b");
        ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();
        listInDns();
        await("catalog-b out of rotation", Duration.ofMillis(1500), () -> !inRotation("127.0.0.3"));
        pause(Duration.ofSeconds(6));

        // --- A replica freezes (SIGSTOP): it answers nothing, and is taken out.
        replica("catalog-d", "127.0.0.5");
        listInDns();
        awaitOwnReadiness(replicas.get("catalog-d"));
        await("catalog-d in rotation", Duration.ofSeconds(5), () -> inRotation("127.0.0.5"));
        pause(Duration.ofSeconds(6));
        ServiceProcess frozen = replicas.get("catalog-c");
        Instant freeze = Instant.now();
        signal("STOP", frozen);
        await("frozen catalog-c out of rotation", Duration.ofSeconds(5), () -> !inRotation("127.0.0.4"));
        Instant out = Instant.now();
        pause(Duration.ofSeconds(5));
        List<SteadyReads.Read> afterOut = reads.sentBetween(out.plusMillis(200), Instant.now().minusSeconds(2));
        assertTrue(afterOut.stream().allMatch(r -> r.latency().compareTo(Duration.ofSeconds(1)) < 0),
                "once catalog-c was out, reads still waited on it: " + slowest(afterOut));
        signal("CONT", frozen);

        reads.close();
        List<SteadyReads.Read> failed = reads.failed();
        assertEquals(List.of(), failed, "failed reads (" + reads.all().size() + " sent; frozen at " + freeze + ")");
        assertTrue(reads.all().size() > 1000, "too few reads to tell: " + reads.all().size());
    }

    private ServiceProcess replica(String name, String address) {
        ServiceProcess process = start(TestProcesses.service(ServiceSchema.CATALOG).name(name).host(address).port(port)
                .managementPort(managementPort)
                .env("HOSTNAME", name)
                .env("QUARKUS_SHUTDOWN_DELAY", SHUTDOWN_DELAY.toSeconds() + "s"));
        replicas.put(name, process);
        return process;
    }

    /** Every replica whose process exists, as Docker's DNS lists every container that exists. */
    private void listInDns() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (ServiceProcess process : replicas.values()) {
            addresses.add(InetAddress.getByName(process.uri().getHost()));
        }
        dns.set(NAME, addresses);
    }

    /** When the replica itself first said it was ready, asked every 20 ms. */
    private static Instant awaitOwnReadiness(ServiceProcess replica) {
        replica.awaitReady(TestProcesses.READY_TIMEOUT);
        return Instant.now();
    }

    private boolean inRotation(String address) {
        return metric("shop_replica_in_rotation", address) == 1;
    }

    /** The gateway's series for catalog-service's replica at this address (0 when it has none). */
    private double metric(String name, String address) {
        String series = name + "{backend=\"catalog-service\",replica=\"" + address + ":" + port + "\"} ";
        for (String line : get(gateway.managementUri().resolve("/q/metrics")).split("\n")) {
            if (line.startsWith(series)) {
                return Double.parseDouble(line.substring(series.length()).trim());
            }
        }
        return 0;
    }

    private static String get(URI uri) {
        try {
            // Bounded here too: a scrape that never answers fails the step, it does not hang the build.
            return HTTP.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).get(6, java.util.concurrent.TimeUnit.SECONDS).body();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the gateway's metrics did not answer: " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, Duration within, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail(what + ": not within " + within);
            }
            pause(Duration.ofMillis(20));
        }
    }

    private static void signal(String signal, ServiceProcess process) throws IOException {
        if (process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String slowest(List<SteadyReads.Read> reads) {
        return reads.stream().max(java.util.Comparator.comparing(SteadyReads.Read::latency)).map(Object::toString)
                .orElse("none");
    }

    private ServiceProcess start(ServiceProcess.Builder builder) {
        ServiceProcess process = builder.logDirectory(logs()).start();
        processes.add(process);
        return process;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.nio.file.Path logs() {
        return java.nio.file.Path.of(System.getProperty("shop.logs"));
    }
}
