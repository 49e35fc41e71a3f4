package io.crmflow.process;

import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;

/**
 * A named, typed process variable: the one place that knows a variable's name and type,
 * so delegates, listeners, controllers and tests never repeat string literals or casts.
 */
public final class ProcessVariable<T> {

  private final String name;
  private final Class<T> type;

  private ProcessVariable(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
  }

  public static <T> ProcessVariable<T> of(String name, Class<T> type) {
    return new ProcessVariable<>(name, type);
  }

  public String name() {
    return name;
  }

  /** The value, or an exception naming the variable when it is missing. */
  public T get(VariableScope scope) {
    T value = getOrNull(scope);
    if (value == null) {
      throw new IllegalStateException("Process variable '" + name + "' is not set");
    }
    return value;
  }

  public T getOrNull(VariableScope scope) {
    return cast(scope.getVariable(name));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  /**
   * Sets the variable for the current transaction only: readable by every step until the next wait
   * state or job boundary, never written to the database (neither runtime nor history).
   */
  public void setTransient(VariableScope scope, T value) {
    scope.setVariable(name, Variables.untypedValue(value, true));
  }

  /** Adds this variable to a map of start or completion variables. */
  public Map<String, Object> putInto(Map<String, Object> variables, T value) {
    variables.put(name, value);
    return variables;
  }

  public T from(Map<String, Object> variables) {
    return cast(variables.get(name));
  }

  private T cast(Object value) {
    if (value == null) {
      return null;
    }
    if (type == Integer.class && value instanceof Number number) {
      return type.cast(number.intValue());
    }
    if (type == Long.class && value instanceof Number number) {
      return type.cast(number.longValue());
    }
    if (type == Double.class && value instanceof Number number) {
      return type.cast(number.doubleValue());
    }
    return type.cast(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
