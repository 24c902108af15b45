package dev.shop.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One counter per value of an enum, told apart by one tag: {@code shop_orders_total{status="confirmed"}}.
 *
 * <p>How the shop's business metrics are made, so that they follow the same rules: tag values come
 * from a fixed list (never an id: a tag per order, user or product would grow without end), they
 * read as the enum's names in lower case, and every series exists from the start at zero, so that a
 * rate over it is 0 rather than missing and an alert on it can be tested before the first event.
 */
public final class TaggedCounters<E extends Enum<E>> {

    private final Map<E, Counter> counters;

    private TaggedCounters(Map<E, Counter> counters) {
        this.counters = counters;
    }

    public static <E extends Enum<E>> TaggedCounters<E> register(MeterRegistry registry, String name, String description,
                                                                 String tag, Class<E> values) {
        Map<E, Counter> counters = new EnumMap<>(values);
        for (E value : values.getEnumConstants()) {
            counters.put(value, Counter.builder(name).description(description)
                    .tag(tag, value.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        return new TaggedCounters<>(counters);
    }

    public void increment(E value) {
        counters.get(value).increment();
    }
}
