package eu.mostbridge.broker.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One audit event per login step, as a JSON line on the {@code most.audit} logger (route it to the
 * audit store with the logging configuration). Events carry ids, outcomes and reasons, and the
 * citizen only as a keyed hash ({@link AuditEvent#person}); never a name, number or birth date.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger AUDIT = Logger.getLogger("most.audit");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  public void record(AuditEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", clock.instant().toString());
    line.put("event", event.type());
    line.putAll(event.fields());
    try {
      AUDIT.info(JSON.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      AUDIT.errorf("Audit event %s could not be written", event.type());
    }
  }
}
