package org.countersign.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the running server. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    Api(String base) {
        this.base = base;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    Response get(String path, String token) {
        return send(authorized(request(path), token).GET());
    }

    Response post(String path, String token, String json) {
        return send(authorized(request(path), token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String token, String json) {
        return withBody("PUT", path, token, json);
    }

    Response patch(String path, String token, String json) {
        return withBody("PATCH", path, token, json);
    }

    /** Any method; a null body sends none. */
    Response withBody(String method, String path, String token, String json) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json);
        HttpRequest.Builder request = authorized(request(path), token).method(method, body);
        return send(json == null ? request : request.header("Content-Type", "application/json"));
    }

    Response delete(String path, String token) {
        return send(authorized(request(path), token).DELETE());
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status of {@code /health}, or -1 while nothing listens. */
    int healthStatus() {
        try {
            return CLIENT.send(request("/health").timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException e) {
            return -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    record Response(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The problem {@code code} of an error response. */
        String code() {
            return json().path("code").asText(null);
        }

        /** Asserts the status and answers this response, for chaining. */
        Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected " + expected + " but got " + this);
            }
            return this;
        }

        /** Asserts a problem+json answer with this status and code. */
        void expectProblem(int expected, String expectedCode) {
            expect(expected);
            if (!header("Content-Type").startsWith("application/problem+json") || !expectedCode.equals(code())) {
                throw new AssertionError("Expected problem " + expectedCode + " but got " + this);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
