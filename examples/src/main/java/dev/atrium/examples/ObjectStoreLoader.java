package dev.atrium.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/** Read-through: a cache miss on key {@code objects/00042} becomes an HTTP GET of that object. */
final class ObjectStoreLoader implements CacheLoader<String, byte[]> {
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final URI base;

  ObjectStoreLoader(URI base) {
    this.base = base;
  }

  @Override
  public byte[] load(String key) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(key))
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 404) {
        return null;
      }
      if (response.statusCode() != 200) {
        throw new CacheLoaderException("GET " + request.uri() + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new CacheLoaderException("GET " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheLoaderException("interrupted during GET " + request.uri(), e);
    }
  }

  @Override
  public Map<String, byte[]> loadAll(Iterable<? extends String> keys) {
    Map<String, byte[]> loaded = new HashMap<>();
    for (String key : keys) {
      byte[] value = load(key);
      if (value != null) {
        loaded.put(key, value);
      }
    }
    return loaded;
  }
}
