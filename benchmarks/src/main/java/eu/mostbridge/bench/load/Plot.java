package eu.mostbridge.bench.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Two panels, drawn with the JDK alone (headless Java 2D): logins per second against the number of
 * concurrent citizens, and the 95th percentile of the time a login spends in the server's own legs,
 * one line per system and CPU set.
 */
final class Plot {
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 520;
  private static final Color[] COLOURS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e)
  };

  private Plot() {}

  static void draw(Map<String, List<LoadRun.Result>> series, String subtitle, Path png)
      throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g =
        canvas(
            image,
            "Complete cross-border logins: Most vs Keycloak 26.5.6 brokering eid.mk",
            subtitle);
    panel(g, series, 60, "logins per second", LoadRun.Result::loginsPerSecond);
    panel(
        g, series, 640, "p95 of a login's time in the server's legs (ms)", r -> r.serverMillis(95));
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  /** A white picture with a title and a subtitle, ready to draw panels on. */
  static Graphics2D canvas(BufferedImage image, String title, String subtitle) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, 20, 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(subtitle, 20, 44);
    return g;
  }

  private static void panel(
      Graphics2D g,
      Map<String, List<LoadRun.Result>> series,
      int left,
      String title,
      ToDoubleFunction<LoadRun.Result> value) {
    int top = 80;
    int width = 500;
    int height = 340;
    double maxX = 1;
    double maxY = 1;
    for (List<LoadRun.Result> results : series.values()) {
      for (LoadRun.Result r : results) {
        maxX = Math.max(maxX, r.concurrency());
        double v = value.applyAsDouble(r);
        if (!Double.isNaN(v)) {
          maxY = Math.max(maxY, v);
        }
      }
    }
    maxY = niceCeiling(maxY);
    double logMax = Math.log(maxX) / Math.log(2);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, left, top - 8);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawRect(left, top, width, height);
    for (int i = 0; i <= 5; i++) {
      int y = top + height - i * height / 5;
      g.setColor(new Color(0xdddddd));
      g.drawLine(left + 1, y, left + width - 1, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.0f", maxY * i / 5), left - 40, y + 4);
    }
    for (int c = 1; c <= maxX; c *= 2) {
      int x = left + (int) (width * (Math.log(c) / Math.log(2)) / Math.max(1, logMax));
      g.drawString(Integer.toString(c), x - 4, top + height + 16);
    }
    g.drawString(
        "concurrent citizens (closed loop, log scale)", left + width / 2 - 120, top + height + 34);
    int index = 0;
    for (Map.Entry<String, List<LoadRun.Result>> entry : series.entrySet()) {
      Color colour = COLOURS[index % COLOURS.length];
      g.setColor(colour);
      g.setStroke(new BasicStroke(2f));
      int px = -1;
      int py = -1;
      for (LoadRun.Result r : entry.getValue()) {
        double v = value.applyAsDouble(r);
        if (Double.isNaN(v)) {
          continue;
        }
        int x =
            left + (int) (width * (Math.log(r.concurrency()) / Math.log(2)) / Math.max(1, logMax));
        int y = top + height - (int) (height * v / maxY);
        g.fillOval(x - 3, y - 3, 7, 7);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.setStroke(new BasicStroke(1f));
      g.fillRect(left + 10, top + 12 + index * 18, 14, 4);
      g.setColor(Color.BLACK);
      g.drawString(entry.getKey(), left + 30, top + 18 + index * 18);
      index++;
    }
  }

  private static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
