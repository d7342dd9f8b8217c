package dev.atrium.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for S3: an HTTP server on loopback that serves {@code GET /objects/<id>} after a
 * fixed delay, and counts every request it receives (each one a round trip and, on S3, a bill).
 * Object {@code id}'s bytes are a pure function of the id ({@link #objectBytes}), so a reader can
 * check that the cache never returns a wrong value.
 */
final class SlowObjectStore implements AutoCloseable {
  static final String PREFIX = "/objects/";

  private final HttpServer server;
  private final ExecutorService handlers;
  private final int objects;
  private final long delayMillis;
  private final AtomicLong requests = new AtomicLong();

  private SlowObjectStore(HttpServer server, ExecutorService handlers, int objects, long delayMillis) {
    this.server = server;
    this.handlers = handlers;
    this.objects = objects;
    this.delayMillis = delayMillis;
  }

  /** Starts a store of {@code objects} objects on 127.0.0.1 and a free port. */
  static SlowObjectStore start(int objects, long delayMillis) throws IOException {
    // The JDK server writes a response's headers and body apart; with Nagle's algorithm on, the
    // body then waits for the client's delayed ACK, adding ~40 ms to every request. Read once,
    // when the first server of this JVM starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
    // a request spends its time asleep, so one thread each: the delay must not queue up
    ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "object-store");
      thread.setDaemon(true);
      return thread;
    });
    SlowObjectStore store = new SlowObjectStore(server, handlers, objects, delayMillis);
    server.createContext(PREFIX, store::handle);
    server.setExecutor(handlers);
    server.start();
    return store;
  }

  /** Where object {@code name} (as in {@code objects/00042}) lives. */
  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Requests received since the store started. */
  long requests() {
    return requests.get();
  }

  /** The bytes of object {@code id}: 1 to 4 KiB, a deterministic pattern. */
  static byte[] objectBytes(int id) {
    int mixed = id * 0x9E3779B9;
    int length = 1024 + Math.floorMod(mixed ^ (mixed >>> 16), 3 * 1024 + 1);
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (id * 31 + i * 7 + (i >>> 8));
    }
    return bytes;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      int id = parseId(exchange.getRequestURI().getPath());
      if (!"GET".equals(exchange.getRequestMethod()) || id < 0) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      byte[] body = objectBytes(id);
      exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The id in {@code /objects/<id>}, or -1 if the path names no object of this store. */
  private int parseId(String path) {
    try {
      int id = Integer.parseInt(path.substring(PREFIX.length()));
      return id >= 0 && id < objects ? id : -1;
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
