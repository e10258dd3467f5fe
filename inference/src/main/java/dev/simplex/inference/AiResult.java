package dev.simplex.inference;

import java.util.function.Function;

/**
 * The outcome of an AI call: a value, or an {@link AiError} with a message a user can act on. The
 * pool's futures always complete normally with one of these, so a caller never sees an exception.
 */
public sealed interface AiResult<T> {

  record Ok<T>(T value) implements AiResult<T> {}

  record Err<T>(AiError error, String message) implements AiResult<T> {
    public Err {
      if (error == null || message == null) {
        throw new IllegalArgumentException("an AI error needs a variant and a message");
      }
    }
  }

  static <T> AiResult<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> AiResult<T> err(AiError error, String message) {
    return new Err<>(error, message);
  }

  default boolean isOk() {
    return this instanceof Ok<T>;
  }

  /** The value; throws {@link AiException} carrying the error when this is an {@code Err}. */
  default T orThrow() {
    return switch (this) {
      case Ok<T> ok -> ok.value();
      case Err<T> err -> throw new AiException(err.error(), err.message());
    };
  }

  default <U> AiResult<U> map(Function<? super T, ? extends U> f) {
    return switch (this) {
      case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
      case Err<T> err -> new Err<>(err.error(), err.message());
    };
  }
}
