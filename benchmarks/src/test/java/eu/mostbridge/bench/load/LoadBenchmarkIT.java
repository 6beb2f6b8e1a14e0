package eu.mostbridge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The load benchmark, short, so that it cannot rot between the runs that produce
 * docs/BENCHMARKS.md: the packaged Most and the real Keycloak both start, complete logins through
 * the simulated eid.mk with no failure, their CPU is read, and the report and plot are written. Its
 * figures are not checked against targets: a build machine's timing proves nothing.
 */
class LoadBenchmarkIT {
  @Test
  void bothSystemsCompleteLoginsAndTheReportAndPlotAreWritten() throws Exception {
    Path out = Path.of("target", "bench-smoke");
    Map<String, List<LoadRun.Result>> series =
        new LoadBenchmark(
                LoadBenchmark.Options.parse(
                    new String[] {
                      "--quick",
                      "--cpus",
                      "0-1",
                      "--out",
                      out.toString(),
                      "--plot",
                      out.resolve("bench-smoke.png").toString(),
                      "--broker-jar",
                      System.getProperty("most.broker.jar"),
                      "--keycloak-home",
                      "target/keycloak/keycloak-26.5.6"
                    }))
            .runAll();

    assertThat(series).containsOnlyKeys("Most, CPU 0-1", "Keycloak, CPU 0-1");
    for (List<LoadRun.Result> results : series.values()) {
      assertThat(results).extracting(LoadRun.Result::concurrency).containsExactly(1, 4);
      for (LoadRun.Result r : results) {
        assertThat(r.failures()).as(r.system() + ": " + r.firstFailure()).isZero();
        assertThat(r.logins()).as(r.system()).isPositive();
        assertThat(r.cpuMillisPerLogin()).as(r.system()).isPositive();
        assertThat(r.serverMillis(95)).as(r.system()).isPositive();
        for (String leg : r.serverLegs()) {
          assertThat(r.times().millis(leg, 50)).as(r.system() + " " + leg).isPositive();
        }
      }
    }
    String report = Files.readString(out.resolve("load.md"));
    assertThat(report)
        .contains("## Most on CPU 0-1", "## Keycloak 26.5.6 on CPU 0-1", "ratio", "Heap per login")
        .contains("Packaged jar, launch to ready")
        .containsPattern(
            "With an (AOT cache \\(-XX:AOTCache\\)|AppCDS archive \\(-XX:SharedArchiveFile\\))"
                + " from one training start \\([1-9]\\d* MiB\\), ms: \\[\\d+\\]");
    BufferedImage plot = ImageIO.read(out.resolve("bench-smoke.png").toFile());
    assertThat(plot.getWidth()).isEqualTo(1200);
  }
}
