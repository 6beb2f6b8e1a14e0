package eu.mostbridge.tool;

import eu.mostbridge.identity.InvalidIdentifierException;
import eu.mostbridge.identity.identifier.NationalIdentifierScheme;
import eu.mostbridge.identity.identifier.NationalIdentityNumber;
import eu.mostbridge.identity.romanization.Romanization;
import eu.mostbridge.identity.romanization.UnromanizableTextException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Command-line tool: validates a national identity number and prints what it encodes, or writes a
 * name in Latin script by a country's official rule set. The schemes and rule sets are those of the
 * country modules on the class path.
 *
 * <pre>
 *   egn 7501020018            validate and decode (any scheme: egn, lnch, embg, ...)
 *   romanize bg Щерев          romanize by a language's rule set (bg, mk, ...)
 *   list                       the schemes and rule sets available
 * </pre>
 *
 * <p>Exit status: 0 valid, 1 invalid input, 2 usage error.
 */
public final class IdentityTool {
  static final int VALID = 0;
  static final int INVALID = 1;
  static final int USAGE = 2;

  private final List<NationalIdentifierScheme> schemes;
  private final List<Romanization> romanizations;
  private final PrintStream out;
  private final PrintStream err;

  IdentityTool(
      List<NationalIdentifierScheme> schemes,
      List<Romanization> romanizations,
      PrintStream out,
      PrintStream err) {
    this.schemes = List.copyOf(schemes);
    this.romanizations = List.copyOf(romanizations);
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    IdentityTool tool =
        new IdentityTool(
            ServiceLoader.load(NationalIdentifierScheme.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(NationalIdentifierScheme::name))
                .toList(),
            ServiceLoader.load(Romanization.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(r -> r.source().language()))
                .toList(),
            out,
            err);
    int status = tool.run(args);
    if (status != VALID) {
      System.exit(status);
    }
  }

  int run(String... args) {
    if (args.length == 0) {
      return usage("no command given");
    }
    String command = args[0].toLowerCase(Locale.ROOT);
    if (command.equals("list")) {
      return list();
    }
    if (command.equals("romanize")) {
      if (args.length < 3) {
        return usage("romanize needs a language and a name");
      }
      return romanize(args[1], String.join(" ", Arrays.asList(args).subList(2, args.length)));
    }
    Optional<NationalIdentifierScheme> scheme =
        schemes.stream().filter(s -> s.name().equals(command)).findFirst();
    if (scheme.isEmpty()) {
      return usage("unknown command or scheme '" + args[0] + "'");
    }
    if (args.length != 2) {
      return usage(command + " needs exactly one number");
    }
    return validate(scheme.get(), args[1]);
  }

  private int validate(NationalIdentifierScheme scheme, String value) {
    try {
      NationalIdentityNumber number = scheme.parse(value);
      out.println(number.scheme() + " " + number.value() + " is valid");
      Map<String, String> facts = number.decoded();
      facts.forEach((label, fact) -> out.printf("  %-12s %s%n", label, fact));
      out.printf(
          "  %-12s %s%n",
          "eIDAS form", number.country() + "/<relying party's country>/" + number.value());
      return VALID;
    } catch (InvalidIdentifierException e) {
      err.println("Invalid: " + e.getMessage());
      return INVALID;
    }
  }

  private int romanize(String language, String name) {
    Optional<Romanization> rules =
        romanizations.stream()
            .filter(r -> r.source().language().equalsIgnoreCase(language))
            .findFirst();
    if (rules.isEmpty()) {
      return usage("no romanization for language '" + language + "'");
    }
    try {
      out.println(rules.get().romanize(name));
      out.println("  (" + rules.get().title() + ")");
      return VALID;
    } catch (UnromanizableTextException e) {
      err.println("Invalid: " + e.getMessage());
      return INVALID;
    }
  }

  private int list() {
    out.println("Identifier schemes:");
    schemes.forEach(s -> out.printf("  %-8s %s: %s%n", s.name(), s.country(), s.description()));
    out.println("Romanizations:");
    romanizations.forEach(r -> out.printf("  %-8s %s%n", r.source().language(), r.title()));
    return VALID;
  }

  private int usage(String problem) {
    err.println("Error: " + problem);
    err.println("Usage:");
    err.println(
        "  <scheme> <number>        validate and decode; schemes: "
            + schemes.stream()
                .map(NationalIdentifierScheme::name)
                .collect(Collectors.joining(", ")));
    err.println(
        "  romanize <lang> <name>   write a name in Latin script; languages: "
            + romanizations.stream()
                .map(r -> r.source().language())
                .collect(Collectors.joining(", ")));
    err.println("  list                     list schemes and romanizations");
    return USAGE;
  }
}
