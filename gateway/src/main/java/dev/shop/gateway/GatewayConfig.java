package dev.shop.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Map;

/** The gateway's own settings, {@code shop.gateway.*}; the defaults are in application.properties. */
@ConfigMapping(prefix = "shop.gateway")
public interface GatewayConfig {

    /**
     * How long a replica may take to accept the connection and to send its response headers once
     * the whole request has been sent to it. Only the backend is timed: the client's upload is over.
     */
    Duration timeout();

    /**
     * The same, for one backend, by its discovery name ({@code catalog}, {@code users},
     * {@code orders}); a backend not named here gets {@link #timeout()}.
     */
    Map<String, Duration> backendTimeout();

    /**
     * How long a replica may take to accept a connection before the request goes to another one
     * instead: nothing was sent, so any request may.
     */
    Duration connectTimeout();

    /** How many replicas one request is tried on at most, when it may go to another. */
    int attempts();

    int connectionsPerReplica();

    /**
     * How long a client may take to send its request body, from the moment its headers are in.
     * A client that takes longer gets a 408; nothing is forwarded and no backend is blamed.
     */
    Duration clientBodyTimeout();

    /** The largest request body each route accepts, by route name (see {@code RoutingTable}). */
    Map<String, MemorySize> maxBodySize();

    FailedSignIns failedSignIns();

    /** Failed logins and registrations, counted per client at the edge. */
    interface FailedSignIns {
        /** After this many failures within the window, a client's sign-ins get 429 until the window ends. */
        int max();

        Duration window();

        /** How many clients are remembered at most: bounds the memory an attack from many addresses can take. */
        int trackedClients();
    }
}
