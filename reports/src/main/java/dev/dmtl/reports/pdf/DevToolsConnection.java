package dev.dmtl.reports.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Chrome DevTools Protocol client over {@link java.net.http.WebSocket} and Jackson:
 * commands with ids and their replies, and every event kept in arrival order. Waiting is on futures
 * with timeouts, never on sleeps. Used to print the report to PDF and, by the tests, to load and
 * inspect it.
 */
public final class DevToolsConnection implements WebSocket.Listener, AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebSocket socket;
  private final AtomicInteger nextId = new AtomicInteger(1);
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();
  private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
  private final StringBuilder partial = new StringBuilder();

  private DevToolsConnection(URI uri) throws IOException {
    try {
      this.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(TIMEOUT)
              .buildAsync(uri, this)
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + uri, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot connect to the browser's DevTools at " + uri, e);
    }
  }

  public static DevToolsConnection open(URI uri) throws IOException {
    return new DevToolsConnection(uri);
  }

  /**
   * Sends a command (to a page session when {@code sessionId} is not null) and waits for its
   * result.
   */
  public JsonNode call(String sessionId, String method, ObjectNode params) throws IOException {
    int id = nextId.getAndIncrement();
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", params == null ? JSON.createObjectNode() : params);
    if (sessionId != null) {
      msg.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(msg.toString(), true).join();
    JsonNode r = await(reply, method);
    if (r.has("error")) {
      throw new IOException("DevTools " + method + " failed: " + r.get("error"));
    }
    return r.path("result");
  }

  /** A future completed by the first event named {@code method} after this call. */
  public CompletableFuture<JsonNode> next(String method) {
    return awaited.computeIfAbsent(method, m -> new CompletableFuture<>());
  }

  /** Every event received so far. */
  public synchronized List<JsonNode> events() {
    return List.copyOf(events);
  }

  public static ObjectNode params() {
    return JSON.createObjectNode();
  }

  public static JsonNode await(CompletableFuture<JsonNode> future, String what) throws IOException {
    try {
      return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for " + what, e);
    } catch (ExecutionException e) {
      throw new IOException("waiting for " + what + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(
          "no " + what + " from the browser within " + TIMEOUT.toSeconds() + " s", e);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      dispatch(text);
    }
    webSocket.request(1);
    return null;
  }

  private void dispatch(String text) {
    JsonNode msg;
    try {
      msg = JSON.readTree(text);
    } catch (IOException e) {
      pending
          .values()
          .forEach(f -> f.completeExceptionally(new IOException("unreadable DevTools message", e)));
      return;
    }
    if (msg.has("id")) {
      CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
      if (f != null) {
        f.complete(msg);
      }
      return;
    }
    synchronized (this) {
      events.add(msg);
    }
    CompletableFuture<JsonNode> f = awaited.remove(msg.path("method").asText());
    if (f != null) {
      f.complete(msg);
    }
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    pending.values().forEach(f -> f.completeExceptionally(error));
    awaited.values().forEach(f -> f.completeExceptionally(error));
  }

  @Override
  public void close() {
    socket
        .sendClose(WebSocket.NORMAL_CLOSURE, "done")
        .orTimeout(5, TimeUnit.SECONDS)
        .exceptionally(e -> null)
        .join();
  }
}
