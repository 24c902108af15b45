package dev.shop.catalog.domain;

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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stock taken for one order, all lines or none, under an id the caller chose. HELD until the order
 * is confirmed (or the hold expires), CONFIRMED until the order is cancelled; or CONFIRMED at once,
 * when the caller takes the stock for good in one step.
 */
@Entity
@Table(name = "reservation")
public class Reservation {

    public enum Status { HELD, CONFIRMED, REJECTED, RELEASED }

    @Id
    private UUID id;
    private UUID orderId;
    @Enumerated(EnumType.STRING)
    private Status status;
    private BigDecimal total;
    private String currency;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant confirmedAt;
    private Instant releasedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "reservation_line", joinColumns = @JoinColumn(name = "reservation_id"))
    @OrderBy("productId")
    private List<ReservationLine> lines = new ArrayList<>();

    protected Reservation() {
    }

    private Reservation(UUID id, UUID orderId, Status status, List<ReservationLine> lines, String currency,
                        Instant now) {
        this.id = id;
        this.orderId = orderId;
        this.status = status;
        this.lines = new ArrayList<>(lines);
        this.total = lines.stream().map(ReservationLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        this.currency = currency;
        this.createdAt = now;
        this.releasedAt = status == Status.RELEASED ? now : null;
    }

    static Reservation held(UUID id, UUID orderId, List<ReservationLine> lines, String currency, Instant now,
                            Instant expiresAt) {
        Reservation reservation = new Reservation(id, orderId, Status.HELD, lines, currency, now);
        reservation.expiresAt = expiresAt;
        return reservation;
    }

    /** Taken for good at once: a caller with nothing to do between holding and confirming. */
    static Reservation confirmed(UUID id, UUID orderId, List<ReservationLine> lines, String currency, Instant now) {
        Reservation reservation = new Reservation(id, orderId, Status.CONFIRMED, lines, currency, now);
        reservation.confirmedAt = now;
        return reservation;
    }

    static Reservation rejected(UUID id, UUID orderId, List<ReservationLine> lines, String currency, Instant now) {
        return new Reservation(id, orderId, Status.REJECTED, lines, currency, now);
    }

    /**
     * The release of an id no reservation has used yet: recorded, so that a reservation arriving
     * late under this id (a retry that overtook its own compensation) takes nothing.
     */
    static Reservation releasedUnused(UUID id, String currency, Instant now) {
        return new Reservation(id, null, Status.RELEASED, List.of(), currency, now);
    }

    /** The order is placed: the stock stays taken, and the hold no longer expires. */
    void markConfirmed(Instant now) {
        status = Status.CONFIRMED;
        confirmedAt = now;
        expiresAt = null;
    }

    void markReleased(Instant now) {
        status = Status.RELEASED;
        releasedAt = now;
        expiresAt = null;
    }

    /** Whether the stock is taken (held or sold), and so goes back on a release. */
    boolean holdsStock() {
        return status == Status.HELD || status == Status.CONFIRMED;
    }

    public List<ReservationLine> shortLines() {
        return lines.stream().filter(ReservationLine::isShort).toList();
    }

    public UUID id() {
        return id;
    }

    public Status status() {
        return status;
    }

    public UUID orderId() {
        return orderId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public BigDecimal total() {
        return total;
    }

    public String currency() {
        return currency;
    }

    public List<ReservationLine> lines() {
        return List.copyOf(lines);
    }
}
