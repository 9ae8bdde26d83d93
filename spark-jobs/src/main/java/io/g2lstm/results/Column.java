package io.g2lstm.results;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The column name of a row record's component where it is not the component's name in snake case (for example
 * {@code hypothesisLength} stored as {@code hyp_length}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Column {

  String value();
}
