package dev.shop.gateway.api;

import dev.shop.common.problem.ProblemType;
import dev.shop.gateway.client.BackendProxy;
import dev.shop.gateway.domain.Backend;
import dev.shop.gateway.domain.RoutingTable;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shop's one address: {@code /api/**} and the key set are forwarded to the backend that owns
 * them (see {@link RoutingTable}); any other {@code /api} path is a 404 problem, so internal APIs
 * never leak out. Tokens are verified here too, before any backend sees a request that needs one
 * ({@code quarkus.http.auth.permission.*} in application.properties).
 *
 * <p>A routed request goes through, in order: the path check; the limit on failed sign-ins
 * ({@link SignInLimit}), before any of the body is read; the reading of the whole body, within the
 * route's size limit and the client's time ({@link RequestBodies}); and only then the backend.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);

    private final BackendProxy proxy;
    private final ProblemWriter problems;
    private final SignInLimit signIns;
    private final RequestBodies bodies;
    private final BackendAnswers answers;

    GatewayRoutes(BackendProxy proxy, ProblemWriter problems, SignInLimit signIns, RequestBodies bodies,
                  BackendAnswers answers) {
        this.proxy = proxy;
        this.problems = problems;
        this.signIns = signIns;
        this.bodies = bodies;
        this.answers = answers;
    }

    void register(@Observes Router router) {
        // Where application routes belong: after authentication and the permission checks.
        int order = RouteConstants.ROUTE_ORDER_DEFAULT;
        for (RoutingTable.Route route : RoutingTable.ROUTES) {
            String paths = Pattern.quote(route.prefix()) + "(/.*)?";
            // Two routes for the same paths: the checks, then (Vert.x Web wants a body handler
            // first in its route) the reading of the body and the forwarding.
            Route checks = router.routeWithRegex(paths).order(order++).setName(route.prefix() + "/** (checks)")
                    .handler(rc -> checkPath(rc, route.backend()))
                    .handler(rc -> {
                        answers.countWhenAnswered(rc, route.backend());
                        rc.next();
                    })
                    .handler(signIns::refuseIfLimited);
            bodies.beforeReading().forEach(checks::handler);
            // Failures of either route come here, the first route with a failure handler that matches.
            checks.failureHandler(bodies.failureHandler(route));
            router.routeWithRegex(paths).order(order++).setName(route.prefix() + "/**")
                    .handler(bodies.reader(route))
                    .handler(bodies::finishReading)
                    .handler(rc -> forward(rc, route.backend()));
        }
        router.routeWithRegex("/api(/.*)?").order(order).setName("/api/** (no route)").handler(this::notFound);
    }

    private void notFound(RoutingContext rc) {
        problems.send(rc, ProblemType.NOT_FOUND.problem("No API has the path " + rc.request().path() + "."));
    }

    private void checkPath(RoutingContext rc, Backend route) {
        String path = rc.request().path();
        // The router matched the normalized path; only a request that was already normal goes on,
        // so that "/api/products/../inventory" cannot reach what the table does not route.
        Optional<Backend> backend = path.equals(rc.normalizedPath()) ? RoutingTable.backendFor(path) : Optional.empty();
        if (backend.isEmpty() || backend.get() != route) {
            notFound(rc);
            return;
        }
        rc.next();
    }

    private void forward(RoutingContext rc, Backend backend) {
        String path = rc.request().path();
        signIns.countFailureOf(rc);
        proxy.forward(rc.request(), rc.body().available() ? rc.body().buffer() : null, backend).onFailure(failure -> {
            if (failure instanceof BackendProxy.ClientGone) {
                LOG.debugf("%s %s: %s", rc.request().method(), path, failure.getMessage());
                return;
            }
            LOG.warnf("%s %s failed: %s (%s)", rc.request().method(), path, failure.getMessage(),
                    failure.getCause() == null ? "" : failure.getCause().toString());
            if (failure instanceof BackendProxy.Unavailable && !rc.response().headWritten()) {
                problems.send(rc, ProblemType.UNAVAILABLE.problem(
                        backend.service() + " is not answering right now. Try again in a moment."));
            } else if (!rc.response().ended()) {
                rc.response().reset();
            }
        });
    }
}
