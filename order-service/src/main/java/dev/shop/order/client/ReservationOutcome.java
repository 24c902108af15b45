package dev.shop.order.client;

import java.math.BigDecimal;
import java.util.List;

/** What catalog-service said about a reservation. */
public sealed interface ReservationOutcome {

    /** The stock is taken, at these names and prices. */
    record Held(List<InventoryDtos.Line> lines, BigDecimal total, String currency) implements ReservationOutcome {
    }

    /** Some products are short; nothing was taken. */
    record Short(String detail, List<InventoryDtos.Shortage> shortages) implements ReservationOutcome {
    }

    /** Some products do not exist; nothing was taken. */
    record UnknownProducts(String detail, List<InventoryDtos.FieldError> errors) implements ReservationOutcome {
    }

    /** The reservation id was released: it holds nothing and never will. */
    record Released() implements ReservationOutcome {
    }

    /** catalog-service never received this reservation (lookups only). */
    record Unknown() implements ReservationOutcome {
    }
}
