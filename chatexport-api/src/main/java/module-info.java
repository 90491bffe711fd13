/**
 * The record model of a ChatGPT data export: {@link io.github.chatexport.api.Conversation}, its
 * tree of {@link io.github.chatexport.api.MessageNode}s, {@link io.github.chatexport.api.Message}s
 * and their {@link io.github.chatexport.api.Content}, the {@link io.github.chatexport.api.Account},
 * and {@link io.github.chatexport.api.Warning}s.
 */
@SuppressWarnings("module") // the qualified target (core) is not there when the api is compiled
module io.github.chatexport.api {
  requires static transitive org.jspecify;

  exports io.github.chatexport.api;
  exports io.github.chatexport.api.internal to
      io.github.chatexport.core;
}
