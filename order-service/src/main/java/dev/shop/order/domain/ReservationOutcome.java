package dev.shop.order.domain;

import java.math.BigDecimal;
import java.util.List;

/** What the catalog says about an order's reservation, in the shop's words. */
public sealed interface ReservationOutcome {

    /** The stock is taken and held for the order until it is confirmed. */
    record Held() implements ReservationOutcome {
    }

    /** The stock is the order's: these lines, at the catalog's names and prices. */
    record Confirmed(List<OrderLine> lines, BigDecimal total, String currency) implements ReservationOutcome {
    }

    /** Some products are short; nothing was taken. */
    record Short(List<Shortage> shortages) implements ReservationOutcome {
    }

    /** Some products do not exist; nothing was taken. */
    record UnknownProducts(String message) implements ReservationOutcome {
    }

    /** The reservation was released (abandoned, expired, cancelled): it holds nothing and never will. */
    record Released() implements ReservationOutcome {
    }

    /** The catalog never received this reservation (look-ups only). */
    record Unknown() implements ReservationOutcome {
    }
}
