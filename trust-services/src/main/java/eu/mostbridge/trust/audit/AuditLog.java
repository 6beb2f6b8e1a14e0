package eu.mostbridge.trust.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One audit event per validation or refusal, as a JSON line on the {@code most.audit} logger, as
 * the broker writes its own. A document appears only as its SHA-256 and size; never its name, its
 * content, or anything about the signer.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger AUDIT = Logger.getLogger("most.audit");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  /** Writes the event with its fields, in the given order. */
  public void record(String event, Map<String, Object> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", clock.instant().toString());
    line.put("event", event);
    line.putAll(fields);
    try {
      AUDIT.info(JSON.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      AUDIT.errorf("Audit event %s could not be written", event);
    }
  }
}
