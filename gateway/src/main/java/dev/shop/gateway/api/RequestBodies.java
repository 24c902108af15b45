package dev.shop.gateway.api;

import dev.shop.common.problem.Problem;
import dev.shop.common.problem.ProblemType;
import dev.shop.gateway.GatewayConfig;
import dev.shop.gateway.domain.RoutingTable;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a request's whole body at the edge, before anything is forwarded: within the route's size
 * limit ({@code shop.gateway.max-body-size.<route>}) and within {@code shop.gateway.client-body-timeout}.
 *
 * <p>Streaming bodies through would tie a backend connection, and the backend's timeout, to the
 * client's pace: a few clients that send their headers and then nothing made the backend look
 * hung, and got it taken out of rotation. Read first, a slow client costs only its own
 * connection here, and is answered 408 when its time is up; nothing is forwarded, nothing counted.
 * The shop's APIs take small JSON documents, so holding a body in memory is cheap; the limits are
 * what keeps it so.
 *
 * <p>The reading itself is Vert.x Web's {@link BodyHandler}: it refuses a declared Content-Length
 * over the limit before reading a byte, stops at the limit for a chunked body, and answers
 * {@code Expect: 100-continue}. Over the limit is a 413; the connection is then closed rather than
 * the rest of the body read (after dropping what still comes for a second: {@link ProblemWriter}).
 */
@ApplicationScoped
public class RequestBodies {

    private static final Logger LOG = Logger.getLogger(RequestBodies.class);
    private static final String CLOCK = RequestBodies.class.getName() + ".clock";

    /** The timer that answers 408, and whether it, or the body's end, came first. */
    private record Clock(long timer, AtomicBoolean settled) {
    }

    private final Vertx vertx;
    private final ProblemWriter problems;
    private final Duration timeout;
    private final Map<String, Long> limits = new HashMap<>();

    RequestBodies(Vertx vertx, ProblemWriter problems, GatewayConfig config) {
        this.vertx = vertx;
        this.problems = problems;
        this.timeout = config.clientBodyTimeout();
        for (RoutingTable.Route route : RoutingTable.ROUTES) {
            MemorySize limit = config.maxBodySize().get(route.name());
            if (limit == null) {
                throw new IllegalStateException("shop.gateway.max-body-size." + route.name()
                        + " is not set: every route needs a limit for its request bodies");
            }
            limits.put(route.name(), limit.asLongValue());
        }
    }

    /**
     * The handlers to run before the body is read, in order: on the event loop, forms refused, the
     * client's clock started. Then {@link #reader} in a route of its own (Vert.x Web wants a body
     * handler first in its route), then {@link #finishReading}; after it the body is in
     * {@code rc.body().buffer()} ({@code null} for a request without one).
     */
    public List<Handler<RoutingContext>> beforeReading() {
        return List.of(RequestBodies::onEventLoop, this::refuseForms, this::startClock);
    }

    /** Reads the body, up to the route's limit; a request without one goes straight on. */
    public Handler<RoutingContext> reader(RoutingTable.Route route) {
        // Uploads stay off: a file would go to disk, and the shop's APIs take none.
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(limits.get(route.name()));
        // A GET that arrived while a token was verified elsewhere may be over (ended) before this
        // runs; the body handler would then fail it ("Request has already been read").
        return rc -> {
            if (hasBody(rc.request())) {
                bodies.handle(rc);
            } else {
                rc.next();
            }
        };
    }

    /** The body is in: the client's clock stops (or had already run out, and the 408 is on its way). */
    public void finishReading(RoutingContext rc) {
        if (settle(rc)) {
            rc.next();
        }
    }

    /**
     * After a blocking authentication (a token verified on a worker thread) the route goes on on
     * that worker thread. The body is read, and timed, on the connection's event loop, where its
     * data arrives, as Quarkus' own body handler does.
     */
    private static void onEventLoop(RoutingContext rc) {
        if (Context.isOnEventLoopThread()) {
            rc.next();
        } else {
            ((HttpServerRequestInternal) rc.request()).context().runOnContext(onLoop -> rc.next());
        }
    }

    /**
     * The route's failure handler, for what {@link BodyHandler} refused (a body over the limit above
     * all): a problem. Other failures (a token that is not valid, say) go on to Quarkus' handlers.
     */
    public Handler<RoutingContext> failureHandler(RoutingTable.Route route) {
        long limit = limits.get(route.name());
        return rc -> {
            if (rc.response().ended() || rc.response().closed() || rc.failure() instanceof HttpClosedException) {
                // Answered already (a 408, whose closing of the connection ends the reading with
                // this failure), or the client hung up while sending: nobody to answer.
                settle(rc);
                LOG.debugf("%s %s: the connection closed while the body was read (%s)", rc.request().method(),
                        rc.request().path(), rc.failure());
                return;
            }
            Problem problem = switch (rc.statusCode()) {
                case 413 -> ProblemType.CONTENT_TOO_LARGE.problem(
                        "A request body for " + route.prefix() + " may have at most " + limit + " bytes.");
                case 417 -> ProblemType.EXPECTATION_FAILED.problem(
                        "The only expectation this server meets is 100-continue.");
                case 400 -> ProblemType.BAD_REQUEST.problem("The request body could not be read.");
                default -> null;
            };
            if (problem == null) {
                rc.next();
                return;
            }
            settle(rc);
            problems.sendAndStopReading(rc, problem);
        };
    }

    /**
     * {@link BodyHandler} decodes form bodies (and keeps a multipart body out of the buffer), so
     * these would not go on as sent. No API of the shop takes them: the backends would answer 415.
     */
    private void refuseForms(RoutingContext rc) {
        String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String media = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (hasBody(rc.request())
                && (media.startsWith("multipart/form-data") || media.startsWith("application/x-www-form-urlencoded"))) {
            problems.sendAndStopReading(rc, ProblemType.UNSUPPORTED_MEDIA_TYPE.problem(
                    "The shop's APIs take JSON request bodies (application/json)."));
            return;
        }
        rc.next();
    }

    private void startClock(RoutingContext rc) {
        if (!hasBody(rc.request())) {
            rc.next();
            return;
        }
        AtomicBoolean settled = new AtomicBoolean();
        long timer = vertx.setTimer(timeout.toMillis(), fired -> {
            if (settled.compareAndSet(false, true)) {
                LOG.debugf("%s %s: the body did not come within %s", rc.request().method(), rc.request().path(), timeout);
                problems.sendAndStopReading(rc, ProblemType.REQUEST_TIMEOUT.problem(
                        "The request body did not come within " + readable(timeout)
                                + ". Nothing was forwarded: send the request again."));
            }
        });
        rc.put(CLOCK, new Clock(timer, settled));
        // However the exchange ends (answer sent, client gone), the timer has nothing left to do.
        rc.addEndHandler(ended -> vertx.cancelTimer(timer));
        rc.next();
    }

    /** Stops the clock; false if it had already run out. */
    private boolean settle(RoutingContext rc) {
        Clock clock = rc.get(CLOCK);
        if (clock == null) {
            return true;
        }
        vertx.cancelTimer(clock.timer());
        return clock.settled().compareAndSet(false, true);
    }

    /** PT10S as "10s", PT0.5S as "0.5s". */
    private static String readable(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** As {@link BodyHandler} decides it: a request has a body if it says so, and on HTTP/2 until it ends. */
    private static boolean hasBody(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return !request.isEnded();
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && !length.equals("0"));
    }
}
