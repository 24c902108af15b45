package dev.shop.common.replicas;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.time.Duration;

/**
 * Asks a replica whether it is ready: {@code GET /q/health/ready} on its management port, the same
 * question Docker's health check and Kubernetes' readiness probe ask. 200 is ready; any other answer
 * (503 while it warms up, or from the moment it is told to stop) or a connection refused or not
 * taken is not; silence after the connection is {@link Replica.Check#NO_ANSWER} (a pause, or a frozen
 * process: the kernel takes its connections all the same).
 */
final class ReadinessProbe {

    private final HttpClient client;
    private final int port;
    private final long timeoutMillis;

    ReadinessProbe(Vertx vertx, int port, Duration timeout) {
        this.port = port;
        this.timeoutMillis = timeout.toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeoutMillis)
                .setKeepAlive(true)
                .setMaxPoolSize(1)
                .setName("readiness-checks"));
    }

    Future<Replica.Check> ask(String host) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
                .setURI("/q/health/ready").setIdleTimeout(timeoutMillis);
        return client.request(request)
                .compose(sent -> sent.send())
                .compose(response -> response.body()
                        .map(ignored -> response.statusCode() == 200 ? Replica.Check.READY : Replica.Check.NOT_READY))
                .recover(failure -> Future.succeededFuture(
                        Failures.neverReached(failure) ? Replica.Check.NOT_READY : Replica.Check.NO_ANSWER));
    }

    void close() {
        client.close();
    }
}
