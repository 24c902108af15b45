package dev.shop.order.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What order-service sends to and reads from catalog-service. A tolerant reader: members it does
 * not know are ignored, so catalog-service can add to its answers without breaking this client.
 */
public final class InventoryDtos {

    private InventoryDtos() {
    }

    public record ReservationRequest(UUID reservationId, UUID orderId, List<Item> items) {
    }

    public record Item(long productId, int quantity) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reservation(UUID reservationId, String status, List<Line> items, BigDecimal total, String currency) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Line(long productId, String name, int quantity, BigDecimal unitPrice) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Problem(String type, String title, int status, String detail,
                          List<Shortage> shortages, List<FieldError> errors) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shortage(long productId, String name, int requested, int available) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String field, String message) {
    }
}
