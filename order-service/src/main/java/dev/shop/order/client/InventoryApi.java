package dev.shop.order.client;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * catalog-service's internal reservation API. Every status is an answer to read (201, 409, 410,
 * 404...), so the raw response comes back; {@link CatalogInventory} turns it into an outcome.
 */
@RegisterRestClient(configKey = "catalog")
@Path("/api/inventory/reservations")
public interface InventoryApi {

    @POST
    Response reserve(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InventoryDtos.ReservationRequest body);

    @GET
    @Path("{reservationId}")
    Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("reservationId") UUID id);

    @DELETE
    @Path("{reservationId}")
    Response release(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("reservationId") UUID id);
}
