package dev.shop.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shop.common.problem.Problem;
import io.vertx.core.http.HttpHeaders;
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
        Problem located = problem.instance() == null ? problem.withInstance(rc.request().path()) : problem;
        String body;
        try {
            body = json.writeValueAsString(located);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        rc.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
