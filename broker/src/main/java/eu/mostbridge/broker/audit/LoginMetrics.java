package eu.mostbridge.broker.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Prometheus metrics of logins: {@code most_logins_total} by origin country, client, level of
 * assurance and outcome, and {@code most_leg_seconds} latency histograms per leg ({@code national}
 * from the redirect to the answer, {@code consent}, {@code token}). Client ids are a closed set
 * from the clients file, so the label cardinality stays bounded.
 */
@ApplicationScoped
public class LoginMetrics {
  private final MeterRegistry registry;

  public LoginMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts a finished login.
   *
   * @param origin BG, MK, or {@code unknown} before the national eID answered
   * @param level the level reached or requested, lower case
   * @param outcome {@code success} or the error sent to the client
   */
  public void login(String origin, String client, String level, String outcome) {
    Counter.builder("most.logins")
        .description("Cross-border logins that ended, by outcome")
        .tag("origin", origin)
        .tag("client", client)
        .tag("loa", level)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** Records how long a leg took. */
  public void leg(String leg, Duration duration) {
    Timer.builder("most.leg")
        .description("Latency of each leg of a login")
        .tag("leg", leg)
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
  }
}
