package io.github.chatexport.core.internal.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Location;
import org.junit.jupiter.api.Test;

class RenumberingTest {
  @Test
  void numbersPathsInTheFile() {
    Location at = new Location("f", null, 1, 2, 3, "$[4].mapping.x[1]", "c");
    assertThat(Renumbering.numbered(at, 10).jsonPath()).isEqualTo("$[14].mapping.x[1]");
    assertThat(Renumbering.numbered(new Location("f", null, 1, 2, 3, "$", null), 10).jsonPath())
        .isEqualTo("$");
  }
}
