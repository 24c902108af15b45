package dev.shop.gateway.client;

import dev.shop.common.replicas.Failures;
import dev.shop.common.replicas.NoFaultOfTheReplica;
import dev.shop.gateway.GatewayConfig;
import dev.shop.gateway.domain.Backend;
import dev.shop.gateway.domain.Repetition;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.NoServiceInstanceFoundException;
import io.smallrye.stork.api.Service;
import io.smallrye.stork.api.ServiceInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Forwards a request to one replica of a backend and streams the answer back, untouched: status,
 * headers (Authorization, Idempotency-Key, Location, X-Served-By...) and body, without buffering.
 *
 * <p>The request body has already been read whole at the edge ({@code RequestBodies}): a replica
 * is chosen only then, and gets the whole request at once. So a slow or stalled client never
 * holds a backend connection, and never looks like a backend that does not answer.
 *
 * <p>The replica is chosen by SmallRye Stork with common's {@code ready-replicas} load balancer: only
 * replicas that report ready and are not failing get requests, and each call's outcome goes back to
 * it, so a replica that refuses connections, resets them or keeps timing out is taken out of
 * rotation on its own while the others serve. A replica that refuses the connection, or sends no
 * response headers within {@code shop.gateway.timeout} of getting the request, has failed; the
 * request then goes to another replica if nothing reached the first (refused), or if the shop lets
 * it be repeated ({@link Repetition}). With no replica in rotation the answer is a 503 at once.
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
     * the backend's fault: it does not count against the replica.
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

    /**
     * What the client says about where the request came from or what address it used. The gateway
     * is the edge: the backends are told nothing a client could make up (they build links from
     * shop.public.url, and would trust these only behind a proxy they were told to trust).
     */
    private static final List<String> CLIENT_CLAIMS = List.of("forwarded", "x-forwarded-for", "x-forwarded-host",
            "x-forwarded-port", "x-forwarded-proto", "x-forwarded-prefix", "x-forwarded-server", "x-forwarded-ssl");

    /**
     * Hop-by-hop headers of a replica's answer: about its connection to the gateway, not the client's
     * to the gateway. A replica that is stopping says "Connection: close"; passed on, it closed clients'
     * connections for nothing, and over HTTP/2, where the header is forbidden, failed their requests.
     */
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection", "upgrade");

    private final HttpClient client;
    private final Map<Backend, Duration> timeouts = new EnumMap<>(Backend.class);
    private final int attempts;

    BackendProxy(Vertx vertx, GatewayConfig config) {
        for (Backend backend : Backend.values()) {
            timeouts.put(backend, config.backendTimeout().getOrDefault(backend.discoveryName(), config.timeout()));
        }
        this.attempts = config.attempts();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                // On the shop's own network a connection is taken in well under a millisecond; one that is
                // not taken soon goes to an address nobody answers at (a container just killed), and the
                // request goes to another replica instead of waiting for the network to give up.
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(config.connectionsPerReplica()));
    }

    /**
     * Sends the request, with the body already read from the client ({@code null} for none), on to
     * a replica of {@code backend}; fails with {@link Unavailable}, or {@link ClientGone}.
     */
    public Future<Void> forward(HttpServerRequest request, Buffer body, Backend backend) {
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request.isEnded() ? new AlreadyRead(request) : request);
        // No authority is set, so the client's Host stays behind (the proxy copies every header but
        // Host): the HTTP client names the replica it connects to, as for any request of its own.
        // Backends build links from shop.public.url, never from the Host they are sent.
        // The gateway has answered any "Expect: 100-continue" itself, when it read the body.
        proxyRequest.headers().remove(HttpHeaders.HOST).remove(HttpHeaders.EXPECT);
        CLIENT_CLAIMS.forEach(proxyRequest.headers()::remove);
        // The trace goes on from the gateway's own span: the HTTP client puts its context in
        // place of the one the request came with.
        proxyRequest.headers().remove("traceparent").remove("tracestate");
        boolean repeatable = Repetition.mayRepeat(request.method().name(), request.path(),
                request.headers().contains("Idempotency-Key"));
        return attempt(request, proxyRequest, body, backend, repeatable, new HashSet<>(), 1, null)
                .recover(failure -> {
                    proxyRequest.release();
                    return Future.failedFuture(failure instanceof ClientGone ? failure
                            : new Unavailable(backend.service() + " is unavailable", failure));
                })
                .compose(ProxyResponse::send)
                // The answer could not be passed on: the client went away meanwhile (gave up waiting).
                .recover(failure -> Future.failedFuture(request.response().closed() && !(failure instanceof ClientGone)
                        ? new ClientGone(failure) : failure));
    }

    /**
     * One replica, and another after it if this one failed and the request may go again. The same one
     * again only when there is no other and its connection closed under the request (a pooled
     * connection the replica had just closed: the next one is new); never after it did not answer in
     * time, so a request waits for at most one replica that does not answer.
     */
    private Future<ProxyResponse> attempt(HttpServerRequest request, ProxyRequest proxyRequest, Buffer body,
                                          Backend backend, boolean repeatable, Set<Long> tried, int number,
                                          Throwable previous) {
        Service service = Stork.getInstance().getService(backend.discoveryName());
        return Future.fromCompletionStage(service.getInstances().subscribeAsCompletionStage())
                .compose(listed -> {
                    List<ServiceInstance> untried = listed.stream().filter(r -> !tried.contains(r.getId())).toList();
                    if (previous != null && untried.isEmpty()) {
                        return silent(previous) ? Future.failedFuture(previous)
                                : Future.succeededFuture(service.selectInstanceAndRecordStart(listed, false));
                    }
                    return Future.succeededFuture(service.selectInstanceAndRecordStart(untried, false));
                })
                .compose(replica -> {
                    tried.add(replica.getId());
                    // The body goes as one buffer with its Content-Length, however the client sent it
                    // (chunked); anew for each attempt.
                    proxyRequest.setBody(body == null ? null : Body.body(body));
                    return client.request(options(replica, timeouts.get(backend)))
                            .compose(proxyRequest::send)
                            .andThen(sent -> record(replica, request, sent.cause()))
                            .map(BackendProxy::withoutHopByHopHeaders);
                })
                .recover(failure -> {
                    if (request.response().closed()) {
                        // A load generator stopping, or a browser leaving a page, cancels requests in flight.
                        return Future.failedFuture(new ClientGone(failure));
                    }
                    boolean another = failure != previous && !(failure instanceof NoServiceInstanceFoundException)
                            && number < attempts && (repeatable || Failures.neverReached(failure));
                    return another ? attempt(request, proxyRequest, body, backend, repeatable, tried, number + 1, failure)
                            : Future.failedFuture(failure);
                });
    }

    private static ProxyResponse withoutHopByHopHeaders(ProxyResponse response) {
        HOP_BY_HOP.forEach(response.headers()::remove);
        return response;
    }

    /** No answer came in time (the replica is slow or frozen), as opposed to a connection that closed. */
    private static boolean silent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The call's outcome, for the load balancer: a failure of the replica's, or none of its doing. */
    private static void record(ServiceInstance replica, HttpServerRequest request, Throwable failure) {
        replica.recordEnd(failure != null && request.response().closed() ? new NoFaultOfTheReplica() : failure);
    }

    private static RequestOptions options(ServiceInstance replica, Duration timeout) {
        return new RequestOptions()
                .setHost(replica.getHost())
                .setPort(replica.getPort())
                // No response headers within this long counts as a failure of the replica.
                .setIdleTimeout(timeout.toMillis());
    }
}
