package io.github.anonftp.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import org.apache.ftpserver.FtpServerConfigurationException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.github.anonftp.Settings;
import io.github.anonftp.metrics.AnonFtpMeterBinder;
import io.github.anonftp.metrics.AnonFtpMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The runnable server's {@code --metrics ADDR:PORT}: Prometheus' text format at {@code /metrics}, from Micrometer's
 * Prometheus registry with anonftp's meters bound, on the JDK's HTTP server with one daemon thread. Only the
 * runnable jar carries the registry.
 */
final class PrometheusEndpoint implements AutoCloseable {

    private final HttpServer http;
    private final PrometheusMeterRegistry registry;

    private PrometheusEndpoint(HttpServer http, PrometheusMeterRegistry registry) {
        this.http = http;
        this.registry = registry;
    }

    /** Binds {@code address} ({@code HOST:PORT}, {@code [v6]:PORT}; port 0 for an ephemeral one) and serves. */
    static PrometheusEndpoint start(String address, AnonFtpMetrics metrics) {
        InetSocketAddress bind = parse(address);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new AnonFtpMeterBinder(metrics).bindTo(registry);
        HttpServer http;
        try {
            http = HttpServer.create(bind, 16);
        } catch (IOException e) {
            throw Settings.invalid("--metrics", address, "an address and port this host can listen on", e);
        }
        http.createContext("/metrics", exchange -> serve(exchange, registry));
        http.setExecutor(Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "anonftp-metrics");
            thread.setDaemon(true);
            return thread;
        }));
        http.start();
        return new PrometheusEndpoint(http, registry);
    }

    static InetSocketAddress parse(String address) {
        String expected = "HOST:PORT, such as 127.0.0.1:9121 or [::1]:9121";
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0) {
            throw Settings.invalid("--metrics", address, expected);
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw Settings.invalid("--metrics", address, expected, e);
        }
        if (port < 0 || port > 65535) {
            throw Settings.invalid("--metrics", address, expected + " (port 0..65535)");
        }
        InetSocketAddress bind = new InetSocketAddress(host, port);
        if (bind.isUnresolved()) {
            throw new FtpServerConfigurationException("--metrics: \"" + address + "\": " + host
                    + " is not a known address; expected " + expected);
        }
        return bind;
    }

    private static void serve(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
            if (!exchange.getRequestMethod().equals("HEAD")) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The address actually bound (the real port when 0 was asked). */
    InetSocketAddress address() {
        return http.getAddress();
    }

    @Override
    public void close() {
        http.stop(0);
        registry.close();
    }
}
