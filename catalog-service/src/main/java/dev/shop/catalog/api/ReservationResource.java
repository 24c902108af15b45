package dev.shop.catalog.api;

import dev.shop.catalog.domain.Inventory;
import dev.shop.catalog.domain.Reservation;
import dev.shop.catalog.domain.ReservationLine;
import dev.shop.common.problem.ProblemException;
import dev.shop.common.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The internal API order-service reserves stock through; the gateway never routes it, and only
 * order-service's own service identity may call it (its service token, group {@code order-service}):
 * a customer's or an administrator's token is refused with 403.
 *
 * <p>A reservation holds its stock for one order until order-service confirms it (the order is
 * placed), and is released when the order gives up, is cancelled, or never confirms in time.
 */
@Path("/api/inventory/reservations")
@RolesAllowed(ReservationResource.ORDER_SERVICE)
@Tag(name = "Inventory (internal)", description = "Stock reservations, for order-service only; not routed by the gateway")
public class ReservationResource {

    /** The group in order-service's service token: the one caller this API accepts. */
    static final String ORDER_SERVICE = "order-service";

    private final Inventory inventory;

    ReservationResource(Inventory inventory) {
        this.inventory = inventory;
    }

    /**
     * 201 when the stock is held (also for a retry); 409 naming the short products; 410 if released.
     * With {@code ?confirm=true} the stock is taken for good at once (201 CONFIRMED): a reservation
     * and its confirmation in one call, for a caller with nothing to do between the two. A query
     * parameter rather than a field of the body, so that a catalog-service from before it (during a
     * rolling update) ignores it and holds, and the caller confirms what it holds, where the strict
     * JSON would have refused an unknown field.
     */
    @POST
    public RestResponse<ReservationResponse> reserve(@Valid @NotNull ReservationRequest body, @RestQuery boolean confirm) {
        Reservation reservation = confirm
                ? inventory.take(body.reservationId(), body.orderId(), body.quantities())
                : inventory.reserve(body.reservationId(), body.orderId(), body.quantities());
        return switch (reservation.status()) {
            // Relative: an internal link, never built from the Host a caller sent.
            case HELD, CONFIRMED -> RestResponse.ResponseBuilder.<ReservationResponse>create(201)
                    .header(HttpHeaders.LOCATION, "/api/inventory/reservations/" + reservation.id())
                    .entity(ReservationResponse.from(reservation)).build();
            case REJECTED -> throw insufficientStock(reservation.shortLines());
            case RELEASED -> throw released(reservation);
        };
    }

    @GET
    @Path("{reservationId}")
    public RestResponse<ReservationResponse> get(@RestPath UUID reservationId) {
        return RestResponse.ok(ReservationResponse.from(inventory.find(reservationId)
                .orElseThrow(() -> unknown(reservationId))));
    }

    /** 200 CONFIRMED (also again); 410 if the reservation was released (its hold expired, say). */
    @POST
    @Path("{reservationId}/confirmation")
    public RestResponse<ReservationResponse> confirm(@RestPath UUID reservationId) {
        Reservation reservation = inventory.confirm(reservationId).orElseThrow(() -> unknown(reservationId));
        return switch (reservation.status()) {
            case CONFIRMED -> RestResponse.ok(ReservationResponse.from(reservation));
            case RELEASED -> throw released(reservation);
            case REJECTED -> throw insufficientStock(reservation.shortLines());
            case HELD -> throw new IllegalStateException("a held reservation is confirmed, never left held");
        };
    }

    /**
     * 200 with what the reservation is now: RELEASED (its stock, if it held any, is back; an id never
     * reserved is released for good), or CONFIRMED if its order was confirmed first, which wins.
     */
    @POST
    @Path("{reservationId}/abandonment")
    public RestResponse<ReservationResponse> abandon(@RestPath UUID reservationId) {
        return RestResponse.ok(ReservationResponse.from(inventory.abandon(reservationId)));
    }

    /** Always 204: releasing twice, or releasing an id never reserved, changes nothing more. */
    @DELETE
    @Path("{reservationId}")
    public RestResponse<Void> release(@RestPath UUID reservationId) {
        inventory.release(reservationId);
        return RestResponse.noContent();
    }

    private static ProblemException unknown(UUID reservationId) {
        return ProblemException.notFound("No reservation has the id " + reservationId + ".");
    }

    private static ProblemException released(Reservation reservation) {
        return ProblemType.RESERVATION_RELEASED.exception("The reservation " + reservation.id()
                + " was released; its id cannot be used again.");
    }

    static ProblemException insufficientStock(List<ReservationLine> shortLines) {
        List<Shortage> shortages = shortLines.stream()
                .map(l -> new Shortage(l.productId(), l.name(), l.quantity(), l.available()))
                .toList();
        String detail = "Not enough stock for " + shortages.stream()
                .map(s -> s.name() + " (" + s.requested() + " wanted, " + s.available() + " left)")
                .collect(Collectors.joining(", ")) + ".";
        return new ProblemException(ProblemType.INSUFFICIENT_STOCK.problem(detail).with("shortages", shortages));
    }

    public record Shortage(long productId, String name, int requested, int available) {
    }
}
