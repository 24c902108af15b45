package dev.shop.gateway.client;

import dev.shop.gateway.GatewayConfig;
import dev.shop.gateway.domain.Backend;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.ServiceInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Forwards a request to one replica of a backend and streams the answer back, untouched: status,
 * headers (Authorization, Idempotency-Key, Location, X-Served-By...) and body, without buffering.
 *
 * <p>The request body has already been read whole at the edge ({@code RequestBodies}): a replica
 * is chosen only then, and gets the whole request at once. So a slow or stalled client never
 * holds a backend connection, and never looks like a backend that does not answer.
 *
 * <p>The replica is chosen by SmallRye Stork (round robin over what discovery found: every address
 * a DNS name resolves to in compose and Kubernetes, re-resolved every few seconds). Each backend
 * has its own circuit breaker; a replica that refuses the connection or sends no response headers
 * within {@code shop.gateway.timeout} of getting the request fails it, so a dead or hung backend
 * costs at most that long, and nothing once its breaker is open.
 */
@ApplicationScoped
public class BackendProxy {

    /** The backend could not serve the request; it was not forwarded, or no answer came. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /**
     * The client hung up before the backend answered, so the forwarded request was cancelled. Not
     * the backend's fault: it does not count against its circuit breaker.
     */
    public static class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super("the client closed the connection before the answer came", cause, false, false);
        }
    }

    /**
     * A request whose body the gateway has read whole already. The proxy pauses and resumes the
     * request it forwards, which is moot here, and which HTTP/2 refuses on a request that has ended
     * ("Request has already been read"): a 500 for every HTTP/2 client, the JDK's HttpClient first.
     */
    private static final class AlreadyRead extends HttpServerRequestWrapper {
        AlreadyRead(HttpServerRequest request) {
            super((HttpServerRequestInternal) request);
        }

        @Override
        public HttpServerRequest pause() {
            return this;
        }

        @Override
        public HttpServerRequest resume() {
            return this;
        }

        @Override
        public HttpServerRequest fetch(long amount) {
            return this;
        }
    }

    private static final TypeLiteral<CompletionStage<ProxyResponse>> PROXY_RESPONSE = new TypeLiteral<>() {
    };

    /**
     * What the client says about where the request came from or what address it used. The gateway
     * is the edge: the backends are told nothing a client could make up (they build links from
     * shop.public.url, and would trust these only behind a proxy they were told to trust).
     */
    private static final List<String> CLIENT_CLAIMS = List.of("forwarded", "x-forwarded-for", "x-forwarded-host",
            "x-forwarded-port", "x-forwarded-proto", "x-forwarded-prefix", "x-forwarded-server", "x-forwarded-ssl");

    private final HttpClient client;
    private final Duration timeout;
    private final Map<Backend, Duration> timeouts = new EnumMap<>(Backend.class);
    private final Map<Backend, Guard> breakers = new EnumMap<>(Backend.class);

    BackendProxy(Vertx vertx, GatewayConfig config) {
        this.timeout = config.timeout();
        for (Backend backend : Backend.values()) {
            timeouts.put(backend, config.backendTimeout().getOrDefault(backend.discoveryName(), timeout));
        }
        Duration breakerDelay = config.breaker().delay();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(config.connectionsPerReplica()));
        for (Backend backend : Backend.values()) {
            breakers.put(backend, Guard.create()
                    .withDescription("gateway to " + backend.service())
                    .withCircuitBreaker()
                    .name("gateway-" + backend.service())
                    .requestVolumeThreshold(10)
                    .failureRatio(0.5)
                    .delay(breakerDelay.toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .skipOn(ClientGone.class)
                    .done()
                    .build());
        }
    }

    /**
     * Sends the request, with the body already read from the client ({@code null} for none), on to
     * a replica of {@code backend}; fails with {@link Unavailable}.
     */
    public Future<Void> forward(HttpServerRequest request, Buffer body, Backend backend) {
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request.isEnded() ? new AlreadyRead(request) : request);
        // The body goes as one buffer with its Content-Length, however the client sent it (chunked).
        proxyRequest.setBody(body == null ? null : Body.body(body));
        // No authority is set, so the client's Host stays behind (the proxy copies every header but
        // Host): the HTTP client names the replica it connects to, as for any request of its own.
        // Backends build links from shop.public.url, never from the Host they are sent.
        // The gateway has answered any "Expect: 100-continue" itself, when it read the body.
        proxyRequest.headers().remove(HttpHeaders.HOST).remove(HttpHeaders.EXPECT);
        CLIENT_CLAIMS.forEach(proxyRequest.headers()::remove);
        // The trace goes on from the gateway's own span: the HTTP client puts its context in
        // place of the one the request came with.
        proxyRequest.headers().remove("traceparent").remove("tracestate");
        CompletionStage<ProxyResponse> answered;
        try {
            answered = breakers.get(backend).get(() -> send(request, proxyRequest, backend), PROXY_RESPONSE);
        } catch (RuntimeException e) {
            answered = Future.<ProxyResponse>failedFuture(e).toCompletionStage();
        }
        return Future.fromCompletionStage(answered)
                .recover(failure -> {
                    proxyRequest.release();
                    return Future.failedFuture(failure instanceof ClientGone ? failure
                            : new Unavailable(backend.service() + " is unavailable", failure));
                })
                .compose(ProxyResponse::send);
    }

    private CompletionStage<ProxyResponse> send(HttpServerRequest request, ProxyRequest proxyRequest, Backend backend) {
        return attempt(proxyRequest, backend)
                // A pooled connection can close just as a request is put on it (the backend or a
                // client that hung up before closed it): nothing reached the backend's application,
                // so a request without a body that changes nothing goes once more, on a new connection.
                .recover(failure -> failure instanceof HttpClosedException && sentAgainSafely(request)
                        && !request.response().closed() ? attempt(proxyRequest, backend) : Future.failedFuture(failure))
                // A load generator stopping, or a browser leaving a page, cancels requests in flight:
                // counted as the backend's failures, they would open its breaker for everyone.
                .recover(failure -> Future.failedFuture(request.response().closed() ? new ClientGone(failure) : failure))
                .toCompletionStage();
    }

    private Future<ProxyResponse> attempt(ProxyRequest proxyRequest, Backend backend) {
        return Future.fromCompletionStage(Stork.getInstance().getService(backend.discoveryName())
                        .selectInstance().subscribeAsCompletionStage())
                .compose(replica -> client.request(options(replica, timeouts.get(backend))))
                .compose(proxyRequest::send);
    }

    private static boolean sentAgainSafely(HttpServerRequest request) {
        boolean readsOnly = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        return readsOnly && !request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static RequestOptions options(ServiceInstance replica, Duration timeout) {
        return new RequestOptions()
                .setHost(replica.getHost())
                .setPort(replica.getPort())
                // No response headers within this long counts as a failure of the backend.
                .setIdleTimeout(timeout.toMillis());
    }
}
