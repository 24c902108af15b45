package dev.shop.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shop.common.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Problems for the gateway's own routes, which answer outside the REST layer. */
@ApplicationScoped
public class ProblemWriter {

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext rc, Problem problem) {
        write(rc, problem);
    }

    /**
     * For an answer given while (part of) the request body is still unread: too large, too slow,
     * or refused before reading it. Reading a body nobody wants would cost what the answer saves, so
     * the rest is not read, and the connection cannot carry another request: on HTTP/1.1 it is closed
     * once the problem is written; on HTTP/2 only this stream is reset (NO_ERROR: "stop sending",
     * RFC 9113 section 8.1), the connection's other streams go on.
     */
    public void sendAndStopReading(RoutingContext rc, Problem problem) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (request.isEnded()) {
            write(rc, problem);
        } else if (request.version() == HttpVersion.HTTP_2) {
            write(rc, problem).onComplete(written -> response.reset(0));
        } else {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            write(rc, problem).onComplete(written -> request.connection().close());
        }
    }

    private Future<Void> write(RoutingContext rc, Problem problem) {
        Problem located = problem.instance() == null ? problem.withInstance(rc.request().path()) : problem;
        String body;
        try {
            body = json.writeValueAsString(located);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return rc.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
