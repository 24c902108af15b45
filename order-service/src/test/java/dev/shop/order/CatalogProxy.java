package dev.shop.order;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The network between order-service and catalog-service, with a hand on it: every call passes
 * through to the real catalog-service unchanged, except those a test chooses to lose on the way
 * (answered 503, never delivered) or to hold back until it lets them go (delivered late, after
 * their caller gave up waiting), or whose answers it holds back, as a network does; or to deliver
 * and then close the connection without an answer, as a replica killed mid-call does; or to count,
 * or to deliver without their query string, as a catalog-service from before a query parameter
 * would read them.
 */
final class CatalogProxy implements AutoCloseable {

    /** One call, as the proxy sees it. */
    record Call(String method, String path) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI target;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    CatalogProxy(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private enum Handling { LOSE, HOLD_BACK, HOLD_ANSWER, CUT, COUNT, DROP_QUERY }

    /** Calls matching {@code which} are lost: answered 503 here, never delivered. */
    Rule lose(Predicate<Call> which) {
        return add(new Rule(which, Handling.LOSE));
    }

    /** Calls matching {@code which} wait here until the rule is closed, then are delivered. */
    Rule holdBack(Predicate<Call> which) {
        return add(new Rule(which, Handling.HOLD_BACK));
    }

    /** Calls matching {@code which} are delivered at once; their answers wait until the rule is closed. */
    Rule holdAnswer(Predicate<Call> which) {
        return add(new Rule(which, Handling.HOLD_ANSWER));
    }

    /**
     * Calls matching {@code which} are delivered, and then their connection is closed in the middle of
     * the answer (its status sent, not its body): catalog-service did what was asked, the caller
     * never hears all of it.
     */
    Rule cut(Predicate<Call> which) {
        return add(new Rule(which, Handling.CUT));
    }

    /** Calls matching {@code which} are delivered unchanged and counted ({@link Rule#arrived}). */
    Rule count(Predicate<Call> which) {
        return add(new Rule(which, Handling.COUNT));
    }

    /** Calls matching {@code which} are delivered without their query string. */
    Rule dropQuery(Predicate<Call> which) {
        return add(new Rule(which, Handling.DROP_QUERY));
    }

    private Rule add(Rule rule) {
        rules.add(rule);
        return rule;
    }

    /** A rule in force until closed; closing a hold lets the held calls go on. */
    final class Rule implements AutoCloseable {
        private final Predicate<Call> which;
        private final Handling handling;
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger arrived = new AtomicInteger();
        private final AtomicInteger delivered = new AtomicInteger();

        private Rule(Predicate<Call> which, Handling handling) {
            this.which = which;
            this.handling = handling;
        }

        /** Waits until at least one matching call has arrived. */
        void awaitArrival(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (arrived.get() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no matching call arrived within " + timeout);
                }
                Thread.sleep(50);
            }
        }

        /** Waits until every matching call so far has been delivered (a held one: after {@link #close}). */
        void awaitDelivered(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (delivered.get() < arrived.get()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("held calls not delivered within " + timeout);
                }
                Thread.sleep(50);
            }
        }

        int arrived() {
            return arrived.get();
        }

        @Override
        public void close() {
            rules.remove(this);
            released.countDown();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Rule rule = rules.stream().filter(r -> r.which.test(call)).findFirst().orElse(null);
            if (rule != null) {
                rule.arrived.incrementAndGet();
                if (rule.handling == Handling.LOSE) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                if (rule.handling == Handling.HOLD_BACK && !rule.released.await(2, TimeUnit.MINUTES)) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
            }
            HttpResponse<byte[]> response = forward(exchange, body, rule == null || rule.handling != Handling.DROP_QUERY);
            if (rule != null) {
                rule.delivered.incrementAndGet();
                if (rule.handling == Handling.HOLD_ANSWER) {
                    rule.released.await(2, TimeUnit.MINUTES);
                }
                if (rule.handling == Handling.CUT && response != null) {
                    // The answer's status and length go out, then the connection closes before its body.
                    exchange.sendResponseHeaders(response.statusCode(), Math.max(response.body().length, 1));
                    return;
                }
            }
            answer(exchange, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The catalog-service's answer, or null if it could not be reached. */
    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body, boolean withQuery)
            throws IOException, InterruptedException {
        URI called = exchange.getRequestURI();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(withQuery ? called.toString() : called.getRawPath()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null;
        }
    }

    private static void answer(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        if (response == null) {
            // catalog-service is down: as the network would, refuse.
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        rules.forEach(Rule::close);
        server.stop(0);
    }
}
