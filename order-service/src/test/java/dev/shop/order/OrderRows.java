package dev.shop.order;

import dev.shop.database.ServiceSchema;
import dev.shop.testing.TestDatabase;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Orders written straight into order-service's tables: the state a crash leaves behind. */
final class OrderRows {

    private OrderRows() {
    }

    /** An order recorded PENDING a minute ago, whose request died before it finished. */
    static void pending(UUID orderId, String userId, UUID reservationId, long productId, int quantity)
            throws SQLException {
        insert(orderId, userId, reservationId, "PENDING", null, null, productId, quantity, null, null);
    }

    /** A confirmed order whose cancellation was requested a minute ago and never finished. */
    static void cancelling(UUID orderId, String userId, UUID reservationId, long productId, int quantity,
                           BigDecimal unitPrice) throws SQLException {
        insert(orderId, userId, reservationId, "CONFIRMED", unitPrice.multiply(BigDecimal.valueOf(quantity)),
                "now() - interval '1 minute'", productId, quantity, "Crashed mid-cancel", unitPrice);
    }

    private static void insert(UUID orderId, String userId, UUID reservationId, String status, BigDecimal total,
                               String cancelRequestedAt, long productId, int quantity, String name,
                               BigDecimal unitPrice) throws SQLException {
        try (Connection c = TestDatabase.get().connectAs(ServiceSchema.ORDERS)) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO customer_order (id, user_id, status, reservation_id, request_hash, total, currency,
                                                created_at, updated_at, cancel_requested_at)
                    VALUES (?, ?, ?, ?, 'crashed', ?, ?, now() - interval '1 minute', now() - interval '1 minute', %s)
                    """.formatted(cancelRequestedAt == null ? "NULL" : cancelRequestedAt))) {
                s.setObject(1, orderId);
                s.setString(2, userId);
                s.setString(3, status);
                s.setObject(4, reservationId);
                s.setBigDecimal(5, total);
                s.setString(6, total == null ? null : "EUR");
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO order_line (order_id, product_id, quantity, name, unit_price) VALUES (?, ?, ?, ?, ?)")) {
                s.setObject(1, orderId);
                s.setLong(2, productId);
                s.setInt(3, quantity);
                s.setString(4, name);
                s.setBigDecimal(5, unitPrice);
                s.executeUpdate();
            }
        }
    }

    static String reservationOf(String orderId) throws SQLException {
        try (Connection c = TestDatabase.get().connectAs(ServiceSchema.ORDERS);
             PreparedStatement s = c.prepareStatement("SELECT reservation_id FROM customer_order WHERE id = ?")) {
            s.setObject(1, UUID.fromString(orderId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
