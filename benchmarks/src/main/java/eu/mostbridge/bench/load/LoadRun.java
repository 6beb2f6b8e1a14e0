package eu.mostbridge.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A closed-loop load: {@code concurrency} citizens each log in, one complete login after another,
 * each time with a fresh browser (no single sign-on to short-cut the next login), for a warm-up and
 * then a measured interval. Reports logins per second, the server's CPU per login and the response
 * times of its legs.
 */
final class LoadRun {
  /** What one measured interval gave. */
  record Result(
      String system,
      String cpus,
      int concurrency,
      int logins,
      int failures,
      String firstFailure,
      double seconds,
      double cpuMillis,
      double compilerMillis,
      LegTimes times,
      List<String> serverLegs) {
    double loginsPerSecond() {
      return logins / seconds;
    }

    double cpuMillisPerLogin() {
      return logins == 0 ? Double.NaN : cpuMillis / logins;
    }

    /** Of which the JIT compiler's threads (still compiling: not yet the steady state). */
    double compilerMillisPerLogin() {
      return logins == 0 ? Double.NaN : compilerMillis / logins;
    }

    /** The login's time in the server's own legs, summed per login: percentile in ms. */
    double serverMillis(double percentile) {
      return times.millis(LOGIN, percentile);
    }
  }

  /** The per-login sum of the server's legs. */
  static final String LOGIN = "login (server legs)";

  private final Logins logins;
  private final UnaryOperator<URI> route;
  private final ServerProcess server;
  private final List<String> personas;

  LoadRun(Logins logins, UnaryOperator<URI> route, ServerProcess server, List<String> personas) {
    this.logins = logins;
    this.route = route;
    this.server = server;
    this.personas = personas;
  }

  ServerProcess server() {
    return server;
  }

  /** One login per persona, one at a time: the first login of each (Keycloak creates the user). */
  void prime() {
    for (String persona : personas) {
      LegTimes times = new LegTimes();
      logins.login(new VirtualBrowser(times, route), persona);
    }
  }

  Result run(String cpus, int concurrency, Duration warmup, Duration measured)
      throws InterruptedException {
    LegTimes times = new LegTimes();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long until = measureFrom + measured.toNanos();
    double[] cpuAtStart = new double[2];
    ExecutorService pool = Executors.newFixedThreadPool(concurrency + 1);
    try {
      Future<?> reset =
          pool.submit(
              () -> {
                sleepUntil(measureFrom);
                times.reset();
                done.set(0);
                failed.set(0);
                cpuAtStart[0] = server.cpuMillis();
                cpuAtStart[1] = compilerMillis();
                return null;
              });
      List<Future<?>> citizens = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        String persona = personas.get(i % personas.size());
        citizens.add(
            pool.submit(
                () -> {
                  VirtualBrowser browser = new VirtualBrowser(times, route);
                  while (System.nanoTime() < until) {
                    browser.forget();
                    try {
                      logins.login(browser, persona);
                      times.record(LOGIN, browser.serverNanos(logins.serverLegs()));
                      done.incrementAndGet();
                    } catch (RuntimeException e) {
                      failed.incrementAndGet();
                      firstFailure.compareAndSet(null, e.getMessage());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> citizen : citizens) {
        citizen.get();
      }
      reset.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double cpu = server.cpuMillis() - cpuAtStart[0];
    double compiler = compilerMillis() - cpuAtStart[1];
    double seconds = (System.nanoTime() - measureFrom) / 1e9;
    return new Result(
        logins.system(),
        cpus,
        concurrency,
        done.get(),
        failed.get(),
        firstFailure.get(),
        seconds,
        cpu,
        compiler,
        times,
        logins.serverLegs());
  }

  private double compilerMillis() {
    return server.cpuMillisByThread().entrySet().stream()
        .filter(e -> e.getKey().startsWith("C# Compiler"))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /** A browser for {@link #completeOne}: one per driver thread, as a citizen's is. */
  VirtualBrowser browser() {
    return new VirtualBrowser(new LegTimes(), route);
  }

  /**
   * One complete login (code redeemed, userinfo read) as persona {@code index} in {@code browser},
   * which first forgets its cookies (a new citizen on the same connections).
   */
  void completeOne(VirtualBrowser browser, int index) {
    logins.login(browser.forget(), personas.get(index % personas.size()));
  }

  /** Starts {@code count} logins and leaves them at the national eID; returns the time taken. */
  Duration startLogins(int count, int concurrency) throws InterruptedException {
    return repeat(count, concurrency, (browser, i) -> logins.startOnly(browser));
  }

  /** As {@link #startLogins}, each login with its kept values at their length limits. */
  Duration startLargestLogins(int count, int concurrency) throws InterruptedException {
    return repeat(count, concurrency, (browser, i) -> logins.startOnlyLargest(browser));
  }

  /** Completes {@code count} logins (code redeemed, userinfo read); returns the time taken. */
  Duration completeLogins(int count, int concurrency) throws InterruptedException {
    return repeat(
        count,
        concurrency,
        (browser, i) -> logins.login(browser, personas.get(i % personas.size())));
  }

  private Duration repeat(
      int count, int concurrency, java.util.function.ObjIntConsumer<VirtualBrowser> step)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<?>> starters = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      starters.add(
          pool.submit(
              () -> {
                VirtualBrowser browser = new VirtualBrowser(new LegTimes(), route);
                int index;
                while ((index = next.getAndIncrement()) < count && failure.get() == null) {
                  try {
                    step.accept(browser.forget(), index);
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                  }
                }
              }));
    }
    pool.shutdown();
    for (Future<?> starter : starters) {
      try {
        starter.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
  }
}
