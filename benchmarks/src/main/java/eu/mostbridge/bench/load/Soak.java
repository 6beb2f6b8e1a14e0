package eu.mostbridge.bench.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Complete logins at a steady rate for a long time, open loop (a login is started on schedule,
 * whether or not earlier ones have finished), with the server's heap after a full collection and
 * the logins done and failed sampled once a minute: does anything pile up?
 */
final class Soak {
  /** One minute of the run. */
  record Minute(int minute, int logins, int failures, long heapAfterGcBytes, double cpuMillis) {}

  /** The whole run. */
  record Outcome(List<Minute> minutes, String firstFailure, double slopeKibPerMinute, int from) {
    int logins() {
      return minutes.stream().mapToInt(Minute::logins).sum();
    }

    int failures() {
      return minutes.stream().mapToInt(Minute::failures).sum();
    }
  }

  private Soak() {}

  /**
   * Runs {@code logins} at {@code rate} per second for {@code minutes}, sampling each minute;
   * reports each sample through {@code progress}. The heap's slope is fitted from minute {@code
   * steadyFrom} on, once every kind of kept entry has reached its lifespan.
   */
  static Outcome run(
      LoadRun load,
      double rate,
      int minutes,
      int steadyFrom,
      int threads,
      Consumer<Minute> progress)
      throws Exception {
    ServerProcess server = load.server();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    AtomicLong ticket = new AtomicLong();
    long start = System.nanoTime();
    long end = start + TimeUnit.MINUTES.toNanos(minutes);
    long interval = (long) (1e9 / rate);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          pool.submit(
              () -> {
                VirtualBrowser browser = load.browser();
                while (true) {
                  long at = start + ticket.getAndIncrement() * interval;
                  if (at >= end) {
                    return null;
                  }
                  long wait = at - System.nanoTime();
                  if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                  }
                  try {
                    load.completeOne(browser, (int) (at % 3));
                    done.incrementAndGet();
                  } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    if (firstFailure.compareAndSet(null, e.getMessage())) {
                      System.out.println("First failed login: " + e);
                    }
                  }
                }
              }));
    }
    List<Minute> samples = new ArrayList<>();
    double cpuBefore = server.cpuMillis();
    for (int minute = 1; minute <= minutes; minute++) {
      long due = start + TimeUnit.MINUTES.toNanos(minute);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int logins = done.getAndSet(0);
      int failures = failed.getAndSet(0);
      double cpu = server.cpuMillis();
      Minute sample = new Minute(minute, logins, failures, server.heapAfterGc(), cpu - cpuBefore);
      cpuBefore = cpu;
      samples.add(sample);
      progress.accept(sample);
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdownNow();
    return new Outcome(samples, firstFailure.get(), slope(samples, steadyFrom), steadyFrom);
  }

  /** Least-squares slope of the heap after GC, KiB per minute, from minute {@code from} on. */
  static double slope(List<Minute> samples, int from) {
    List<Minute> steady = samples.stream().filter(m -> m.minute() >= from).toList();
    if (steady.size() < 2) {
      return Double.NaN;
    }
    double n = steady.size();
    double meanX = steady.stream().mapToDouble(Minute::minute).sum() / n;
    double meanY = steady.stream().mapToDouble(m -> m.heapAfterGcBytes() / 1024.0).sum() / n;
    double numerator = 0;
    double denominator = 0;
    for (Minute m : steady) {
      numerator += (m.minute() - meanX) * (m.heapAfterGcBytes() / 1024.0 - meanY);
      denominator += (m.minute() - meanX) * (m.minute() - meanX);
    }
    return numerator / denominator;
  }

  /** The heap after GC and the logins per second, minute by minute. */
  static void plot(Outcome outcome, String subtitle, Path png) throws IOException {
    int width = 1200;
    int height = 520;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g =
        Plot.canvas(image, "Soak: complete logins through Most at a steady rate", subtitle);
    List<Minute> minutes = outcome.minutes();
    panel(
        g,
        minutes,
        60,
        "heap after full GC (MiB)",
        minutes.stream().mapToDouble(m -> m.heapAfterGcBytes() / 1048576.0).toArray());
    panel(
        g,
        minutes,
        640,
        "logins per second (failed: red)",
        minutes.stream().mapToDouble(m -> m.logins() / 60.0).toArray());
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static void panel(
      Graphics2D g, List<Minute> minutes, int left, String title, double[] values) {
    int top = 80;
    int w = 500;
    int h = 340;
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    max = max <= 0 ? 1 : max * 1.15;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, left, top - 8);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawRect(left, top, w, h);
    for (int i = 0; i <= 4; i++) {
      int y = top + h - h * i / 4;
      g.setColor(new Color(0xdddddd));
      g.drawLine(left + 1, y, left + w - 1, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.0f", max * i / 4), left - 40, y + 4);
    }
    int n = minutes.size();
    g.drawString("minute", left + w / 2 - 20, top + h + 32);
    for (int i = 0; i < n; i += Math.max(1, n / 10)) {
      int x = left + (n == 1 ? 0 : w * i / (n - 1));
      g.drawString(String.valueOf(minutes.get(i).minute()), x - 4, top + h + 16);
    }
    g.setStroke(new BasicStroke(2f));
    g.setColor(new Color(0x1f77b4));
    for (int i = 1; i < n; i++) {
      int x0 = left + w * (i - 1) / Math.max(1, n - 1);
      int x1 = left + w * i / Math.max(1, n - 1);
      g.drawLine(
          x0, top + h - (int) (h * values[i - 1] / max), x1, top + h - (int) (h * values[i] / max));
    }
    g.setColor(new Color(0xd62728));
    for (int i = 0; i < n; i++) {
      if (minutes.get(i).failures() > 0) {
        int x = left + w * i / Math.max(1, n - 1);
        g.fillOval(x - 4, top + h - 8, 8, 8);
      }
    }
  }
}
