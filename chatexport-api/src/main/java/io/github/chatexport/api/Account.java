package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The account the export belongs to: {@code user.json}.
 *
 * @param id the user id, {@code user-…}
 * @param email the e-mail address
 * @param chatgptPlusUser whether the account had a paid plan (as {@code chatgpt_plus_user})
 * @param phoneNumber the phone number, when given
 * @param birthYear the birth year, when given
 * @param extras fields of {@code user.json} that no component holds
 */
public record Account(
    String id,
    @Nullable String email,
    @Nullable Boolean chatgptPlusUser,
    @Nullable String phoneNumber,
    @Nullable Integer birthYear,
    Extras extras) {

  /** Checks the components. */
  public Account {
    requireNonNull(id, "id");
    requireNonNull(extras, "extras");
  }

  /** Returns a copy with another e-mail address (null removes it). */
  public Account withEmail(@Nullable String email) {
    return new Account(id, email, chatgptPlusUser, phoneNumber, birthYear, extras.typed("email"));
  }

  /** Returns a copy with another phone number (null removes it). */
  public Account withPhoneNumber(@Nullable String phoneNumber) {
    return new Account(
        id, email, chatgptPlusUser, phoneNumber, birthYear, extras.typed("phone_number"));
  }

  @Override
  public String toString() {
    return "Account[" + id + "]";
  }
}
