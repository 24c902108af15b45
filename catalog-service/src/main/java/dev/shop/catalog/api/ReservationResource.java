package dev.shop.catalog.api;

import dev.shop.catalog.domain.Inventory;
import dev.shop.catalog.domain.Reservation;
import dev.shop.catalog.domain.ReservationLine;
import dev.shop.common.problem.Problem;
import dev.shop.common.problem.ProblemException;
import dev.shop.common.web.Responses;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** The internal API order-service reserves stock through. The gateway never exposes it. */
@Path("/api/inventory/reservations")
@Authenticated
@Tag(name = "Inventory (internal)", description = "Stock reservations for order-service; not routed by the gateway")
public class ReservationResource {

    private final Inventory inventory;

    ReservationResource(Inventory inventory) {
        this.inventory = inventory;
    }

    /** 201 when the stock is held (also for a retry); 409 naming the short products; 410 if released. */
    @POST
    public RestResponse<ReservationResponse> reserve(@Valid @NotNull ReservationRequest body, UriInfo uri) {
        Reservation reservation = inventory.reserve(body.reservationId(), body.quantities());
        return switch (reservation.status()) {
            case HELD -> {
                URI location = uri.getBaseUriBuilder().path("api/inventory/reservations/{id}").build(reservation.id());
                yield Responses.created(location, ReservationResponse.from(reservation));
            }
            case REJECTED -> throw insufficientStock(reservation.shortLines());
            case RELEASED -> throw new ProblemException(Problem.of(410, Problem.TYPE_PREFIX + "reservation-released",
                    "Reservation released", "The reservation " + reservation.id()
                            + " was released; its id cannot be used again."));
        };
    }

    @GET
    @Path("{reservationId}")
    public RestResponse<ReservationResponse> get(@RestPath UUID reservationId) {
        return inventory.find(reservationId)
                .map(r -> RestResponse.ok(ReservationResponse.from(r)))
                .orElseThrow(() -> ProblemException.notFound("No reservation has the id " + reservationId + "."));
    }

    /** Always 204: releasing twice, or releasing an id never reserved, changes nothing more. */
    @DELETE
    @Path("{reservationId}")
    public RestResponse<Void> release(@RestPath UUID reservationId) {
        inventory.release(reservationId);
        return RestResponse.noContent();
    }

    static ProblemException insufficientStock(List<ReservationLine> shortLines) {
        List<Shortage> shortages = shortLines.stream()
                .map(l -> new Shortage(l.productId(), l.name(), l.quantity(), l.available()))
                .toList();
        String detail = "Not enough stock for " + shortages.stream()
                .map(s -> s.name() + " (" + s.requested() + " wanted, " + s.available() + " left)")
                .collect(Collectors.joining(", ")) + ".";
        return new ProblemException(Problem.of(409, Problem.TYPE_PREFIX + "insufficient-stock", "Not enough stock",
                detail).with("shortages", shortages));
    }

    public record Shortage(long productId, String name, int requested, int available) {
    }
}
