package dev.shop.localrun;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/** Where each service listens: its API port and its management port, on this machine. */
final class ServicePorts {

    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Integer> managementPorts = new EnumMap<>(Service.class);

    private ServicePorts() {
    }

    /** 8080–8083 and 9080–9083, refusing to start when something already listens there. */
    static ServicePorts defaults() {
        ServicePorts ports = new ServicePorts();
        for (Service service : Service.values()) {
            requireFree(service.defaultPort(), service.module());
            requireFree(service.defaultManagementPort(), service.module() + "'s management interface");
            ports.ports.put(service, service.defaultPort());
            ports.managementPorts.put(service, service.defaultManagementPort());
        }
        return ports;
    }

    /** Free ports, so that tests run beside a local run. */
    static ServicePorts free() {
        ServicePorts ports = new ServicePorts();
        for (Service service : Service.values()) {
            ports.ports.put(service, ServiceProcess.freePort());
            ports.managementPorts.put(service, ServiceProcess.freePort());
        }
        return ports;
    }

    static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " (" + what + ") is in use: is the shop already running, "
                    + "or another program on that port? Stop it and try again.");
        }
    }

    int port(Service service) {
        return ports.get(service);
    }

    int managementPort(Service service) {
        return managementPorts.get(service);
    }

    URI uri(Service service) {
        return URI.create("http://localhost:" + port(service));
    }

    /** The service's management interface: health, metrics, OpenAPI, Swagger UI. */
    URI managementUri(Service service) {
        return URI.create("http://localhost:" + managementPort(service));
    }
}
