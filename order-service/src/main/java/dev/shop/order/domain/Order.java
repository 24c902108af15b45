package dev.shop.order.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** An order and the state of its saga. Transitions check the state they leave. */
@Entity(name = "CustomerOrder")
@Table(name = "customer_order")
public class Order {

    /** As long as the rejection_detail column allows. */
    private static final int MAX_STORED_DETAIL = 2000;

    @Id
    private UUID id;
    private String userId;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    private UUID reservationId;
    private String idempotencyKey;
    private String requestHash;
    private BigDecimal total;
    private String currency;
    @Enumerated(EnumType.STRING)
    private Rejection rejection;
    private String rejectionDetail;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<Shortage> shortages;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant cancelRequestedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderBy("productId")
    private List<OrderLine> lines = new ArrayList<>();

    protected Order() {
    }

    static Order pending(String userId, String idempotencyKey, String requestHash, SortedMap<Long, Integer> quantities) {
        Order order = new Order();
        order.id = UUID.randomUUID();
        order.userId = userId;
        order.status = OrderStatus.PENDING;
        order.reservationId = UUID.randomUUID();
        order.idempotencyKey = idempotencyKey;
        order.requestHash = requestHash;
        order.createdAt = Instant.now();
        order.updatedAt = order.createdAt;
        quantities.forEach((product, quantity) -> order.lines.add(new OrderLine(product, quantity, null, null)));
        return order;
    }

    void confirm(List<OrderLine> pricedLines, BigDecimal orderTotal, String orderCurrency) {
        require(OrderStatus.PENDING);
        status = OrderStatus.CONFIRMED;
        lines.clear();
        lines.addAll(pricedLines);
        total = orderTotal;
        currency = orderCurrency;
        updatedAt = Instant.now();
    }

    /** Rejected for short stock: every short product is kept (in {@code shortages}, of any number). */
    void reject(Rejection why, List<Shortage> shortLines) {
        reject(why, Shortage.describe(shortLines));
        shortages = shortLines.isEmpty() ? null : List.copyOf(shortLines);
    }

    void reject(Rejection why, String detail) {
        require(OrderStatus.PENDING);
        status = OrderStatus.REJECTED;
        rejection = why;
        // The column is bounded; the full list of short products lives in shortages.
        rejectionDetail = detail.length() <= MAX_STORED_DETAIL ? detail
                : detail.substring(0, MAX_STORED_DETAIL - 1) + "…";
        updatedAt = Instant.now();
    }

    void requestCancellation() {
        require(OrderStatus.CONFIRMED);
        if (cancelRequestedAt == null) {
            cancelRequestedAt = Instant.now();
        }
    }

    void cancel() {
        require(OrderStatus.CONFIRMED);
        status = OrderStatus.CANCELLED;
        updatedAt = Instant.now();
    }

    private void require(OrderStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("order " + id + " is " + status + ", not " + expected);
        }
    }

    public SortedMap<Long, Integer> quantities() {
        SortedMap<Long, Integer> quantities = new TreeMap<>();
        lines.forEach(line -> quantities.put(line.productId(), line.quantity()));
        return quantities;
    }

    public UUID id() {
        return id;
    }

    public OrderStatus status() {
        return status;
    }

    public UUID reservationId() {
        return reservationId;
    }

    public String requestHash() {
        return requestHash;
    }

    public BigDecimal total() {
        return total;
    }

    public String currency() {
        return currency;
    }

    public Rejection rejection() {
        return rejection;
    }

    /** Why the order was rejected, naming every short product however many there were. */
    public String rejectionDetail() {
        return rejection == Rejection.INSUFFICIENT_STOCK && shortages != null
                ? Shortage.describe(shortages) : rejectionDetail;
    }

    public List<Shortage> shortages() {
        return shortages == null ? List.of() : shortages;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<OrderLine> lines() {
        return List.copyOf(lines);
    }
}
