package io.g2lstm.common;

/** An operation was asked of something in the wrong state (not yet built, already closed, resumed twice, ...). */
public final class LifecycleException extends G2Exception {

  public LifecycleException(String message) {
    super(message, null);
  }

  public LifecycleException(String message, Throwable cause) {
    super(message, cause);
  }
}
