package eu.mostbridge.bench.micro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every micro benchmark of this package with the settings their classes declare (one fork,
 * short warm-up and measurement: under four minutes on two cores), prints JMH's table and writes
 * the results as JSON, so runs can be compared and the load report can quote them.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
 *     eu.mostbridge.bench.micro.MicroBenchmarks [results.json] [JMH options]
 * </pre>
 *
 * <p>JMH options after the file override the classes' settings, for example {@code -wi 5} for a
 * longer warm-up, or {@code -p eid=bg-eauth,mk-eid-saml} for the variants left out by default.
 */
public final class MicroBenchmarks {
  private MicroBenchmarks() {}

  /**
   * Runs the benchmarks.
   *
   * @param args optionally, the JSON results file (default {@code
   *     benchmarks/target/bench/micro.json}), then JMH command-line options
   */
  public static void main(String[] args)
      throws IOException, RunnerException, CommandLineOptionException {
    boolean named = args.length > 0 && !args[0].startsWith("-");
    Path results = Path.of(named ? args[0] : "benchmarks/target/bench/micro.json");
    Path parent = results.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Options options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(Arrays.copyOfRange(args, named ? 1 : 0, args.length)))
            .include("eu\\.mostbridge\\.bench\\.micro\\..*")
            .resultFormat(ResultFormatType.JSON)
            .result(results.toString())
            .build();
    new Runner(options).run();
  }
}
