/** Uses chatexport from the module path, as a modular application would. */
module io.github.chatexport.jpmstest {
  requires io.github.chatexport.core;

  exports io.github.chatexport.jpmstest;
}
