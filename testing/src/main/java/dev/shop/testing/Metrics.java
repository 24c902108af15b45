package dev.shop.testing;

/** One series of the service under test, as Prometheus would scrape it from its management port now. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of a series named exactly as it appears in the exposition, labels included, e.g.
     * {@code shop_orders_total{status="confirmed"}}. Fails when the service does not publish it.
     */
    public static double value(String series) {
        String exposition = Management.request().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("/q/metrics has no series " + series);
    }
}
