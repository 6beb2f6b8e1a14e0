package eu.mostbridge.bench.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Response times per leg of a login (one histogram each, microsecond resolution up to a minute),
 * and of whole logins. Legs at the national eID's simulator are kept apart from the server's own.
 */
final class LegTimes {
  private final Map<String, Histogram> legs = new ConcurrentHashMap<>();

  void record(String leg, long nanos) {
    legs.computeIfAbsent(leg, name -> new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3))
        .recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), TimeUnit.MINUTES.toMicros(1)));
  }

  Map<String, Histogram> legs() {
    return legs;
  }

  void reset() {
    legs.values().forEach(Histogram::reset);
  }

  /** Percentile {@code p} of {@code leg} in milliseconds, or NaN when the leg was not seen. */
  double millis(String leg, double p) {
    Histogram histogram = legs.get(leg);
    return histogram == null || histogram.getTotalCount() == 0
        ? Double.NaN
        : histogram.getValueAtPercentile(p) / 1000.0;
  }
}
