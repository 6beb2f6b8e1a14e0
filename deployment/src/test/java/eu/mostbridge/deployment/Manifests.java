package eu.mostbridge.deployment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Kubernetes objects as Helm rendered them: a multi-document YAML stream, parsed. */
final class Manifests {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

  private final List<JsonNode> objects;

  private Manifests(List<JsonNode> objects) {
    this.objects = objects;
  }

  static Manifests parse(String rendered) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(rendered)) {
      for (var it = MAPPER.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode node = it.next();
        if (node != null && node.hasNonNull("kind")) {
          objects.add(node);
        }
      }
    }
    return new Manifests(objects);
  }

  List<JsonNode> all() {
    return objects;
  }

  List<String> kinds() {
    return objects.stream().map(o -> o.get("kind").asText()).sorted().toList();
  }

  Optional<JsonNode> find(String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.get("kind").asText()))
        .filter(o -> name.equals(o.at("/metadata/name").asText()))
        .findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in " + kinds()));
  }

  /** The value of environment variable {@code name} of the first container, or missing. */
  static JsonNode env(JsonNode deployment, String name) {
    for (JsonNode variable : deployment.at("/spec/template/spec/containers/0/env")) {
      if (name.equals(variable.get("name").asText())) {
        return variable;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
