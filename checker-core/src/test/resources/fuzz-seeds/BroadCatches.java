package fixtures.errors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** A service in Java 8 style with the catches real services have. */
public class BroadCatches {
  private static final Log LOG = LogFactory.getLog(BroadCatches.class);
  private final Map<String, String> cache = new ConcurrentHashMap<>();
  private final RemoteRates rates;

  public BroadCatches(RemoteRates rates) {
    this.rates = rates;
  }

  public Optional<Double> rate(String currency) {
    try {
      return Optional.of(rates.fetch(currency));
    } catch (Exception e) { // expect: OverlyBroadCatch
      return Optional.empty();
    }
  }

  public String loadTemplate(Path path) {
    String template;
    try {
      template = new String(Files.readAllBytes(path));
    } catch (Throwable t) { // expect: OverlyBroadCatch
      template = "";
    }
    return template;
  }

  public int parseLimit(String value) {
    try {
      return Integer.parseInt(value);
    } catch (Exception e) { // expect: OverlyBroadCatch
      cache.remove("limit");
      return 100;
    }
  }

  public void warmUp(List<String> keys) {
    for (String key : keys) {
      try {
        cache.put(key, rates.describe(key));
      } catch (Error err) { // expect: OverlyBroadCatch
        cache.clear();
        break;
      }
    }
  }

  // ---- traps ----

  public double rateOrFail(String currency) {
    try {
      return rates.fetch(currency);
    } catch (Exception e) { // ok: rethrown wrapped
      throw new IllegalStateException("rate service failed for " + currency, e);
    }
  }

  public double rateLogged(String currency) {
    try {
      return rates.fetch(currency);
    } catch (Exception e) { // ok: logged through commons-logging
      LOG.error("rate lookup failed", e);
      return Double.NaN;
    }
  }

  public CompletableFuture<Double> rateAsync(String currency) {
    CompletableFuture<Double> result = new CompletableFuture<>();
    try {
      result.complete(rates.fetch(currency));
    } catch (Exception e) { // ok: handed to the future's consumer
      result.completeExceptionally(e);
    }
    return result;
  }

  public void shutdown() {
    try {
      rates.close();
    } catch (Exception e) { // ok: empty catch with a reason is a decision
      // Shutting down: the connection pool is discarded either way.
    }
  }

  public String describe(String key) {
    try {
      return rates.describe(key);
    } catch (IOException e) { // ok: a specific exception with a fallback
      return key;
    }
  }

  public void refresh() {
    try {
      rates.close();
    } catch (Exception e) { // expect: SwallowedException
      e.printStackTrace();
    }
  }

  public String describeOrDefault(String key) {
    try {
      return rates.describe(key);
    } catch (Exception ignored) { // ok: named as deliberately ignored
      return "unknown";
    }
  }

  public interface RemoteRates extends AutoCloseable {
    double fetch(String currency) throws Exception;

    String describe(String key) throws IOException;
  }
}
