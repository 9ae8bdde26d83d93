package io.g2lstm.results;

import io.g2lstm.common.DataException;
import io.g2lstm.common.SettingsReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of a row record, and the conversion of its rows to column values and back, by column name: the one
 * description of a table's schema, so that adding a column is adding a component.
 *
 * <p>Each component is a column named after it in snake case ({@code testSet} is {@code test_set}) unless
 * {@link Column} names it. Components of type {@code String}, {@code int}, {@code long}, {@code double},
 * {@code List<Double>} and enums (stored in their configuration spelling) are columns; {@code Optional<Double>} and
 * {@code Optional<Integer>} are nullable columns; a component that is itself a record contributes its own columns in
 * its place (the evaluated model at the start of the evaluation tables).
 */
public final class RowCodec<R extends Record> {

  /** One column: its name, how it is stored, and whether it may be null. */
  public record ColumnSpec(String name, ColumnType type, boolean nullable) {}

  private static final Map<Class<?>, RowCodec<?>> CODECS = new ConcurrentHashMap<>();

  private final Class<R> rowType;
  private final List<Field> fields = new ArrayList<>();
  private final List<ColumnSpec> columns = new ArrayList<>();
  private final Constructor<R> constructor;

  /** A component: a column, or a nested record's columns. */
  private sealed interface Field permits Leaf, Nested {
    RecordComponent component();
  }

  /** {@code enumType} is set for enum columns, {@code optional} for nullable ones. */
  private record Leaf(RecordComponent component, ColumnSpec column, Class<?> enumType, boolean optional)
      implements Field {}

  private record Nested(RecordComponent component, RowCodec<?> codec) implements Field {}

  private RowCodec(Class<R> rowType) {
    this.rowType = rowType;
    RecordComponent[] components = rowType.getRecordComponents();
    for (RecordComponent component : components) {
      Class<?> type = component.getType();
      if (type.isRecord()) {
        RowCodec<?> nested = of(type.asSubclass(Record.class));
        fields.add(new Nested(component, nested));
        columns.addAll(nested.columns());
        continue;
      }
      Column named = component.getAnnotation(Column.class);
      String name = named != null ? named.value() : snakeCase(component.getName());
      boolean optional = type == Optional.class;
      Type valueType = optional ? typeArgument(component) : component.getGenericType();
      ColumnSpec column = new ColumnSpec(name, columnType(valueType, component), optional);
      Class<?> enumType = valueType instanceof Class<?> c && c.isEnum() ? c : null;
      fields.add(new Leaf(component, column, enumType, optional));
      columns.add(column);
    }
    Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      constructor = rowType.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(rowType + ": expected a canonical constructor, found none", e);
    }
  }

  /** The codec of {@code rowType}, made once. */
  @SuppressWarnings("unchecked")
  public static <R extends Record> RowCodec<R> of(Class<R> rowType) {
    RowCodec<?> known = CODECS.get(rowType);
    if (known == null) {
      known = new RowCodec<>(rowType);
      CODECS.putIfAbsent(rowType, known);
    }
    return (RowCodec<R>) known;
  }

  /** The columns, in the order of the components (a nested record's in its place). */
  public List<ColumnSpec> columns() {
    return List.copyOf(columns);
  }

  /** The row's values in the order of {@link #columns()}: strings for enums, null for an empty optional. */
  public List<Object> values(R row) {
    List<Object> values = new ArrayList<>(columns.size());
    for (Field field : fields) {
      Object value = get(field.component(), row);
      if (field instanceof Nested nested) {
        values.addAll(valuesOf(nested.codec(), value));
      } else {
        Leaf leaf = (Leaf) field;
        Object plain = leaf.optional() ? ((Optional<?>) value).orElse(null) : value;
        values.add(plain instanceof Enum<?> constant ? SettingsReader.settingName(constant) : plain);
      }
    }
    return values;
  }

  /** The position of the column {@code name} in {@link #columns()} and {@link #values}. */
  public int index(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(rowType.getSimpleName() + ": expected a column '" + name + "', found "
        + columns.stream().map(ColumnSpec::name).toList());
  }

  /**
   * The row whose columns hold {@code valueOf(name)}; {@code origin} (a table and where it was read) starts every
   * error. A value of the wrong kind, a null in a column that is not nullable, an enum spelling that is not known,
   * or a row its record rejects is a {@link DataException}.
   */
  public R read(Function<String, Object> valueOf, String origin) {
    Object[] arguments = new Object[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      if (field instanceof Nested nested) {
        arguments[i] = nested.codec().read(valueOf, origin);
        continue;
      }
      Leaf leaf = (Leaf) field;
      ColumnSpec column = leaf.column();
      Object value = valueOf.apply(column.name());
      if (value == null) {
        if (!leaf.optional()) {
          throw DataException.in(origin + ", column '" + column.name() + "'", "a value", "null");
        }
        arguments[i] = Optional.empty();
        continue;
      }
      Object converted = fromStored(leaf, value, origin);
      arguments[i] = leaf.optional() ? Optional.of(converted) : converted;
    }
    try {
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof DataException data) {
        throw new DataException(origin + ": " + data.getMessage(), data);
      }
      throw new DataException(origin + ": expected a valid " + rowType.getSimpleName() + ", found "
          + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(rowType + ": cannot construct a row", e);
    }
  }

  private static Object fromStored(Leaf leaf, Object value, String origin) {
    String where = origin + ", column '" + leaf.column().name() + "'";
    if (leaf.enumType() != null) {
      for (Object constant : leaf.enumType().getEnumConstants()) {
        if (SettingsReader.settingName((Enum<?>) constant).equals(value)) {
          return constant;
        }
      }
      String allowed = Arrays.stream(leaf.enumType().getEnumConstants())
          .map(constant -> SettingsReader.settingName((Enum<?>) constant)).collect(Collectors.joining(", "));
      throw DataException.in(where, "one of " + allowed, "'" + value + "'");
    }
    Class<?> expected = switch (leaf.column().type()) {
      case TEXT -> String.class;
      case INT -> Integer.class;
      case LONG -> Long.class;
      case DOUBLE -> Double.class;
      case DOUBLES -> List.class;
    };
    if (!expected.isInstance(value)) {
      throw DataException.in(where, describe(leaf.column().type()), value + " (" + value.getClass().getSimpleName()
          + ")");
    }
    if (leaf.column().type() == ColumnType.DOUBLES) {
      List<Double> list = new ArrayList<>();
      for (Object element : (List<?>) value) {
        if (!(element instanceof Double number)) {
          throw DataException.in(where, "a list of numbers", value);
        }
        list.add(number);
      }
      return List.copyOf(list);
    }
    return value;
  }

  private static String describe(ColumnType type) {
    return switch (type) {
      case TEXT -> "a string";
      case INT -> "an integer";
      case LONG -> "a long integer";
      case DOUBLE -> "a number";
      case DOUBLES -> "a list of numbers";
    };
  }

  @SuppressWarnings("unchecked")
  private static <N extends Record> List<Object> valuesOf(RowCodec<N> codec, Object row) {
    return codec.values((N) row);
  }

  private static Object get(RecordComponent component, Object row) {
    try {
      return component.getAccessor().invoke(row);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("reading " + component + " of " + row.getClass(), e);
    }
  }

  private static Type typeArgument(RecordComponent component) {
    if (component.getGenericType() instanceof ParameterizedType parameterized) {
      return parameterized.getActualTypeArguments()[0];
    }
    throw new IllegalArgumentException(component + ": expected Optional<Double> or Optional<Integer>, found a raw "
        + "Optional");
  }

  private static ColumnType columnType(Type type, RecordComponent component) {
    if (type == String.class || type instanceof Class<?> c && c.isEnum()) {
      return ColumnType.TEXT;
    }
    if (type == int.class || type == Integer.class) {
      return ColumnType.INT;
    }
    if (type == long.class || type == Long.class) {
      return ColumnType.LONG;
    }
    if (type == double.class || type == Double.class) {
      return ColumnType.DOUBLE;
    }
    if (type instanceof ParameterizedType list && list.getRawType() == List.class
        && list.getActualTypeArguments()[0] == Double.class) {
      return ColumnType.DOUBLES;
    }
    throw new IllegalArgumentException(component.getDeclaringRecord().getSimpleName() + "." + component.getName()
        + ": expected String, int, long, double, List<Double>, an enum, an Optional of a number or a record, found "
        + type.getTypeName());
  }

  /** {@code hypothesisLength} to {@code hypothesis_length}. */
  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
