package dev.shop.order.api;

import dev.shop.common.problem.Problem;
import dev.shop.common.problem.ProblemException;
import dev.shop.common.problem.ProblemType;
import dev.shop.common.web.Page;
import dev.shop.common.web.PageRequest;
import dev.shop.common.web.PublicLinks;
import dev.shop.common.web.Responses;
import dev.shop.order.domain.Order;
import dev.shop.order.domain.Orders;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A customer's orders. Every endpoint needs a customer's token (issued for the public API), and a
 * customer only ever sees or changes their own orders.
 */
@Path("/api/orders")
@RolesAllowed("customer")
@Tag(name = "Orders")
public class OrderResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

    private final Orders orders;
    private final JsonWebToken token;
    private final PublicLinks links;

    OrderResource(Orders orders, JsonWebToken token, PublicLinks links) {
        this.orders = orders;
        this.token = token;
        this.links = links;
    }

    /**
     * 201 with the confirmed order (200 when an Idempotency-Key returns an earlier one); 409 if
     * stock is short; 503 if catalog-service cannot be reached, in which case the same
     * Idempotency-Key completes the same order later.
     */
    @POST
    public RestResponse<OrderResponse> place(@Valid @NotNull OrderRequest body,
                                             @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey) {
        Orders.Placement placement = orders.place(userId(), idempotencyKey(idempotencyKey), body.quantities());
        Order order = placement.order();
        return switch (order.status()) {
            case CONFIRMED, CANCELLED -> {
                OrderResponse response = OrderResponse.from(order);
                if (placement.created()) {
                    yield Responses.created(links.to("api/orders/{id}", order.id()), response);
                }
                yield RestResponse.ok(response);
            }
            case REJECTED -> throw rejected(order);
            case PENDING -> throw new ProblemException(ProblemType.UNAVAILABLE.problem(
                    "The catalog did not answer in time, so the order " + order.id()
                            + " is not complete yet. Send the same request with the same Idempotency-Key to "
                            + "complete it; left alone, it is settled within a minute.")
                    .with("orderId", order.id()));
        };
    }

    @GET
    public RestResponse<Page<OrderResponse>> list(@RestQuery String page, @RestQuery String size) {
        return RestResponse.ok(orders.list(userId(), PageRequest.parse(page, size)).map(OrderResponse::from));
    }

    /** 404 for an order of someone else's, exactly as for one that does not exist. */
    @GET
    @Path("{id}")
    public RestResponse<OrderResponse> get(@RestPath UUID id) {
        return orders.find(userId(), id)
                .map(o -> RestResponse.ok(OrderResponse.from(o)))
                .orElseThrow(() -> ProblemException.notFound("No order has the id " + id + "."));
    }

    /** 200 with the cancelled order, also when it was cancelled before; its stock goes back once. */
    @POST
    @Path("{id}/cancel")
    public RestResponse<OrderResponse> cancel(@RestPath UUID id) {
        return RestResponse.ok(OrderResponse.from(orders.cancel(userId(), id)));
    }

    private static ProblemException rejected(Order order) {
        return switch (order.rejection()) {
            case INSUFFICIENT_STOCK -> new ProblemException(ProblemType.INSUFFICIENT_STOCK.problem(order.rejectionDetail())
                    .with("orderId", order.id())
                    .with("shortages", order.shortages()));
            case UNKNOWN_PRODUCT -> new ProblemException(ProblemType.validation(
                    List.of(new Problem.FieldError("items", order.rejectionDetail()))).with("orderId", order.id()));
            case ABANDONED -> new ProblemException(ProblemType.ORDER_ABANDONED.problem(order.rejectionDetail()
                    + " Nothing was charged or held; place it again with a new Idempotency-Key.")
                    .with("orderId", order.id()));
        };
    }

    private static Optional<String> idempotencyKey(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!VALID_KEY.matcher(header).matches()) {
            throw ProblemException.invalidField(IDEMPOTENCY_KEY, "must be 1 to 100 visible ASCII characters");
        }
        return Optional.of(header);
    }

    private String userId() {
        return token.getSubject();
    }
}
