package dev.shop.order.client;

import io.quarkus.rest.client.reactive.ClientQueryParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * catalog-service's internal reservation API, called as order-service itself (its service token,
 * by {@link ServiceAuthorization}). Every status is an answer to read (201, 409, 410, 404...), so
 * the raw response comes back; {@link GuardedInventoryCalls} reads it.
 */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(ServiceAuthorization.class)
@Path("/api/inventory/reservations")
public interface InventoryApi {

    /**
     * A reservation and its confirmation in one call: the stock is the order's for good, or the
     * answer says why not. A catalog-service from before {@code confirm} ignores it and holds.
     */
    @POST
    @ClientQueryParam(name = "confirm", value = "true")
    Response take(InventoryDtos.ReservationRequest body);

    @GET
    @Path("{reservationId}")
    Response get(@PathParam("reservationId") UUID id);

    @POST
    @Path("{reservationId}/confirmation")
    Response confirm(@PathParam("reservationId") UUID id);

    @POST
    @Path("{reservationId}/abandonment")
    Response abandon(@PathParam("reservationId") UUID id);

    @DELETE
    @Path("{reservationId}")
    Response release(@PathParam("reservationId") UUID id);
}
