package eu.mostbridge.broker.audit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An audit event under construction: a type (for example {@code national.completed}) and fields.
 * Field values are ids, codes and counts; {@link #person} takes only the keyed hash of a citizen.
 */
public final class AuditEvent {
  private final String type;
  private final Map<String, Object> fields = new LinkedHashMap<>();

  private AuditEvent(String type) {
    this.type = type;
  }

  public static AuditEvent of(String type) {
    return new AuditEvent(type);
  }

  public AuditEvent with(String name, Object value) {
    if (value != null) {
      fields.put(name, value instanceof Collection<?> c ? List.copyOf(c) : value);
    }
    return this;
  }

  /** The citizen, as the audit handle (a keyed hash of the person identifier). */
  public AuditEvent person(String auditHandle) {
    return with("person", auditHandle);
  }

  public String type() {
    return type;
  }

  public Map<String, Object> fields() {
    return fields;
  }
}
