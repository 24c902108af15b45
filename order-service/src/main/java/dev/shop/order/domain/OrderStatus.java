package dev.shop.order.domain;

/** PENDING -> CONFIRMED | REJECTED; CONFIRMED -> CANCELLED. Nothing else. */
public enum OrderStatus { PENDING, CONFIRMED, REJECTED, CANCELLED }
