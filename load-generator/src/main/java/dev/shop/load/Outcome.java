package dev.shop.load;

/** What one scheduled request did and how it ended. */
public record Outcome(Action action, Status status) {

    public static Outcome answered(Action action, int code) {
        return new Outcome(action, Status.of(code));
    }
}
