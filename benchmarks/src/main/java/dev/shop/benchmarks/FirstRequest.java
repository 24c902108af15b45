package dev.shop.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One real request, sent alone, timed from its first byte out to the last byte of the answer: what the
 * first customer after a replica turns ready waits, beside what a customer of the same replica waits
 * once it has served a load (the median of {@value #WARM_SAMPLES} requests, one after the other). Issue
 * goal: the first no slower than twice the warm one. Each request opens a connection of its own and
 * closes it (the first one after a restart cannot reuse any), written by hand over a socket so that
 * no HTTP client's own start-up is in the figure.
 */
record FirstRequest(URI target, Supplier<String> request, int expectedStatus) {

    static final int WARM_SAMPLES = 21;

    static FirstRequest get(URI target) {
        return new FirstRequest(target, () -> head("GET", target) + "\r\n", 200);
    }

    /** A POST of a JSON body, with extra header lines ({@code "Name: value"}) made afresh for each request. */
    static FirstRequest post(URI target, Supplier<List<String>> headers, String json, int expectedStatus) {
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        return new FirstRequest(target, () -> head("POST", target)
                + String.join("", headers.get().stream().map(line -> line + "\r\n").toList())
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n" + json, expectedStatus);
    }

    private static String head(String method, URI target) {
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return method + " " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                + "\r\nConnection: close\r\n";
    }

    /** The first request's time, in milliseconds. */
    double first() {
        return timed();
    }

    /** The median of {@value #WARM_SAMPLES} requests sent one after the other, in milliseconds. */
    double warm() {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < WARM_SAMPLES; i++) {
            times.add(timed());
        }
        return Comparison.median(times);
    }

    private double timed() {
        byte[] bytes = request.get().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            out.write(bytes);
            out.flush();
            byte[] answer = in.readAllBytes();
            double millis = (System.nanoTime() - started) / 1e6;
            String text = new String(answer, StandardCharsets.UTF_8);
            String status = text.isEmpty() ? "nothing" : text.substring(0, Math.max(0, text.indexOf('\r')));
            if (!status.startsWith("HTTP/1.1 " + expectedStatus + " ")) {
                throw new IllegalStateException("%s answered %s, not %d: %s".formatted(target, status, expectedStatus,
                        text));
            }
            return millis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
