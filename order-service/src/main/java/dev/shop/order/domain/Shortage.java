package dev.shop.order.domain;

/** A product there was not enough of when the order was placed. */
public record Shortage(long productId, String name, int requested, int available) {
}
