package io.g2lstm.common;

/**
 * The root of g2lstm's errors. There are three kinds, each with an expected-versus-found message:
 * {@link ConfigurationException} (a setting is wrong), {@link DataException} (input data is wrong) and
 * {@link LifecycleException} (an operation came at the wrong time or on the wrong state).
 */
public abstract sealed class G2Exception extends RuntimeException
    permits ConfigurationException, DataException, LifecycleException {

  protected G2Exception(String message, Throwable cause) {
    super(message, cause);
  }
}
