package io.crmflow.process;

import io.crmflow.process.ProcessVariable;
import io.crmflow.shared.RecordType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A domain event: a CRM record changed. Delivered to the engine as the BPMN message
 * {@code <Entity>.<Change>} (e.g. {@code Lead.StatusChanged}, {@code Opportunity.Won}) with the
 * record id as business key, so modelers automate record changes with a message start event or a
 * message catch event and no Java. Variables carry ids and facts only, never personal data.
 *
 * @param entity   the record type, e.g. {@code Lead}
 * @param change   what happened, e.g. {@code StatusChanged}
 * @param recordId the record's id: the business key of started and correlated instances
 * @param facts    extra variables for the process (new status, owner id, changed field names)
 */
public record RecordChange(String entity, String change, String recordId, Map<String, Object> facts) {

  private static final Pattern NAME_PART = Pattern.compile("[A-Z][A-Za-z]*");

  /** Variable names every record-change message sets, whatever the entity. */
  public static final ProcessVariable<String> RECORD_ID = ProcessVariable.of("recordId", String.class);
  public static final ProcessVariable<String> RECORD_TYPE = ProcessVariable.of("recordType", String.class);
  public static final ProcessVariable<String> CHANGE = ProcessVariable.of("change", String.class);

  public RecordChange {
    requireNamePart(entity, "entity");
    requireNamePart(change, "change");
    Objects.requireNonNull(recordId, "recordId");
    facts = Map.copyOf(facts);
  }

  public static RecordChange of(RecordType type, String change, String recordId) {
    return of(type.label(), change, recordId);
  }

  public static RecordChange of(String entity, String change, String recordId) {
    return new RecordChange(entity, change, recordId, Map.of());
  }

  public RecordChange with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(facts);
    more.put(name, value);
    return new RecordChange(entity, change, recordId, more);
  }

  public String messageName() {
    return entity + "." + change;
  }

  /** The variables a started or continued process receives. */
  public Map<String, Object> variables() {
    Map<String, Object> variables = new LinkedHashMap<>(facts);
    variables.put(RECORD_ID.name(), recordId);
    variables.put(RECORD_TYPE.name(), entity);
    variables.put(CHANGE.name(), change);
    return variables;
  }

  private static void requireNamePart(String value, String what) {
    if (value == null || !NAME_PART.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be a capitalised word, was " + value);
    }
  }
}
