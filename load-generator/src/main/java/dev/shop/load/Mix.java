package dev.shop.load;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** How often each action is picked, as whole-number weights: {@code browse=50,search=25,...}. */
public record Mix(Map<Action, Integer> weights) {

    public static final String DEFAULT = "browse=50,search=25,product=15,order=7,list=2,cancel=1";

    public Mix {
        EnumMap<Action, Integer> copy = new EnumMap<>(Action.class);
        for (Action action : Action.values()) {
            int weight = weights.getOrDefault(action, 0);
            if (weight < 0) {
                throw new IllegalArgumentException("the weight of '" + action.label() + "' must not be negative");
            }
            copy.put(action, weight);
        }
        if (copy.values().stream().mapToLong(Integer::longValue).sum() == 0) {
            throw new IllegalArgumentException("the weights of the mix add up to 0: give at least one action a weight above 0");
        }
        weights = Collections.unmodifiableMap(copy);
    }

    /** Reads {@code action=weight} pairs separated by commas; actions left out get weight 0. */
    public static Mix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the mix is empty: give weights such as " + DEFAULT);
        }
        Map<Action, Integer> weights = new EnumMap<>(Action.class);
        for (String entry : text.split(",")) {
            String[] parts = entry.split("=", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + entry.strip() + "' is not action=weight (as in " + DEFAULT + ")");
            }
            String label = parts[0].strip();
            Action action = Action.byLabel(label).orElseThrow(() -> new IllegalArgumentException(
                    "unknown action '" + label + "' in the mix; the actions are " + Action.labels()));
            if (weights.put(action, weight(label, parts[1].strip())) != null) {
                throw new IllegalArgumentException("the mix names '" + label + "' twice");
            }
        }
        return new Mix(weights);
    }

    private static int weight(String label, String text) {
        try {
            int weight = Integer.parseInt(text);
            if (weight >= 0) {
                return weight;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("the weight of '" + label + "' must be a whole number, 0 or more, not '" + text + "'");
    }

    /** The action for a uniform random number in [0, 1): each in proportion to its weight. */
    public Action pick(double uniform) {
        long point = (long) Math.floor(uniform * total());
        long cumulative = 0;
        Action last = null;
        for (Map.Entry<Action, Integer> entry : weights.entrySet()) {
            if (entry.getValue() == 0) {
                continue;
            }
            cumulative += entry.getValue();
            last = entry.getKey();
            if (point < cumulative) {
                return last;
            }
        }
        return last;
    }

    private long total() {
        return weights.values().stream().mapToLong(Integer::longValue).sum();
    }

    @Override
    public String toString() {
        return weights.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().label() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
