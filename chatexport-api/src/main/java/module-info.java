/**
 * The record model of a ChatGPT data export: {@link io.github.chatexport.api.Conversation}, its tree of
 * {@link io.github.chatexport.api.MessageNode}s, {@link io.github.chatexport.api.Message}s and their
 * {@link io.github.chatexport.api.Content}, the {@link io.github.chatexport.api.Account}, and
 * {@link io.github.chatexport.api.Warning}s.
 */
@SuppressWarnings("module") // the qualified targets are optional at compile time
module io.github.chatexport.api {
  requires static transitive org.jspecify;
  requires static com.fasterxml.jackson.annotation;

  exports io.github.chatexport.api;
  exports io.github.chatexport.api.internal to io.github.chatexport.core;

  opens io.github.chatexport.api to com.fasterxml.jackson.databind;
}
