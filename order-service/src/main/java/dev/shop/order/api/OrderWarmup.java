package dev.shop.order.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shop.common.web.PageRequest;
import dev.shop.common.warmup.WarmupTask;
import dev.shop.order.client.InventoryDtos;
import dev.shop.order.domain.OrderStatus;
import dev.shop.order.domain.Orders;
import dev.shop.order.domain.PlacementRehearsal;
import dev.shop.order.domain.StockReservations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Runs the order queries (listing, lookup, idempotency, recovery) once, changing nothing, and their
 * JSON; then, if its neighbours are up, one call through each REST client.
 */
@ApplicationScoped
class OrderWarmup implements WarmupTask {

    private final Orders orders;
    private final PlacementRehearsal rehearsal;
    private final ObjectMapper json;
    private final Validator validator;
    private final StockReservations stock;

    OrderWarmup(Orders orders, PlacementRehearsal rehearsal, ObjectMapper json, Validator validator,
                StockReservations stock) {
        this.orders = orders;
        this.rehearsal = rehearsal;
        this.json = json;
        this.validator = validator;
        this.stock = stock;
    }

    @Override
    public void run() throws Exception {
        json.writeValueAsString(orders.list("warm-up", PageRequest.parse(null, null)).map(OrderResponse::from));
        orders.find("warm-up", UUID.randomUUID());
        OrderRequest request = json.readValue("{\"items\": [{\"productId\": 1, \"quantity\": 1}]}", OrderRequest.class);
        validator.validate(request);
        request.quantities();
        rehearsal.run();
        json.readValue(json.writeValueAsString(new InventoryDtos.Reservation(UUID.randomUUID(), "HELD",
                List.of(new InventoryDtos.Line(1, "warm-up", 1, BigDecimal.ONE)), BigDecimal.ONE, "EUR")),
                InventoryDtos.Reservation.class);
        json.writeValueAsString(new OrderResponse(UUID.randomUUID(), OrderStatus.CONFIRMED,
                List.of(new OrderResponse.Item(1, "warm-up", 1, BigDecimal.ONE, BigDecimal.ONE)),
                BigDecimal.ONE, "EUR", Instant.now()));
        // Through the whole client: the service token from user-service, then catalog-service.
        stock.lookUp(UUID.randomUUID());
    }
}
