package io.github.chatexport.api.internal;

import java.util.AbstractList;
import java.util.Comparator;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An unmodifiable list over an array, built once by the reader and then handed to records without
 * another copy (records recognize it and skip their defensive copy; nothing outside this library
 * can obtain its array). Like {@link java.util.List#of}, it holds no nulls and rejects queries for
 * null.
 *
 * @param <E> the element type
 */
public final class FrozenList<E> extends AbstractList<E> implements RandomAccess {
  private final Object[] elements;

  private FrozenList(Object[] elements) {
    this.elements = elements;
  }

  /**
   * Takes ownership of {@code elements}: the caller must not keep or change the array. Elements
   * must be non-null; the array must not be empty (use {@link java.util.List#of()}).
   */
  public static <E> FrozenList<E> adopt(Object[] elements) {
    return new FrozenList<>(elements);
  }

  @Override
  @SuppressWarnings("unchecked")
  public E get(int index) {
    Objects.checkIndex(index, elements.length);
    return (E) elements[index];
  }

  @Override
  public int size() {
    return elements.length;
  }

  @Override
  public int indexOf(@Nullable Object o) {
    Objects.requireNonNull(o);
    for (int i = 0; i < elements.length; i++) {
      if (o.equals(elements[i])) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int lastIndexOf(@Nullable Object o) {
    Objects.requireNonNull(o);
    for (int i = elements.length - 1; i >= 0; i--) {
      if (o.equals(elements[i])) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean contains(@Nullable Object o) {
    return indexOf(o) >= 0;
  }

  @Override
  public Object[] toArray() {
    return elements.clone();
  }

  @Override
  public void replaceAll(UnaryOperator<E> operator) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void sort(@Nullable Comparator<? super E> c) {
    throw new UnsupportedOperationException();
  }
}
