package dev.shop.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shop.common.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Problems for the gateway's own routes, which answer outside the REST layer. */
@ApplicationScoped
public class ProblemWriter {

    /** How long the rest of a refused body is read and dropped before its connection is closed. */
    public static final Duration LINGER = Duration.ofSeconds(1);

    private final ObjectMapper json;
    private final Vertx vertx;

    ProblemWriter(ObjectMapper json, Vertx vertx) {
        this.json = json;
        this.vertx = vertx;
    }

    public void send(RoutingContext rc, Problem problem) {
        write(rc, problem);
    }

    /**
     * For an answer given while (part of) the request body is still unread: too large, too slow,
     * or refused before reading it. Reading a body nobody wants would cost what the answer saves, and
     * the connection cannot carry another request: on HTTP/1.1 it is closed once the problem is
     * written and what the client is still sending has been dropped for at most {@link #LINGER}; on
     * HTTP/2 only this stream is reset (NO_ERROR: "stop sending", RFC 9113 section 8.1), the
     * connection's other streams go on.
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
            write(rc, problem).onComplete(written -> closeOnceDropped(request));
        }
    }

    /**
     * Closing a connection with the client's bytes still unread makes the kernel reset it, and a
     * reset can destroy the answer before the client has read it: a client whose body was a little
     * too large would see the connection fail instead of the 413. So what still comes is read and
     * dropped until the body ends or {@link #LINGER} has passed, whichever is first, and only then is
     * the connection closed. A client that keeps sending is cut off after that second.
     */
    private void closeOnceDropped(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long linger = vertx.setTimer(LINGER.toMillis(), expired -> connection.close());
        request.handler(dropped -> {
        });
        request.endHandler(ended -> {
            vertx.cancelTimer(linger);
            connection.close();
        });
        request.resume();
    }

    private Future<Void> write(RoutingContext rc, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem.locatedAt(rc.request().path()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return rc.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
