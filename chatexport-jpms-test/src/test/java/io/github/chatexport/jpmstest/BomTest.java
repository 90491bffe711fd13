package io.github.chatexport.jpmstest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * chatexport-bom lists exactly the modules that are deployed, at the project's version, and stands
 * alone.
 */
class BomTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern MANAGED =
      Pattern.compile(
          "<dependency>\\s*<groupId>io\\.github\\.chatexport</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
              + "<version>\\$\\{project\\.version}</version>\\s*</dependency>");

  @Test
  void listsEveryDeployedModuleAndNoOther() throws IOException {
    List<String> deployed = new ArrayList<>();
    for (String module : all(MODULE, read(ROOT.resolve("pom.xml")))) {
      String pom = read(ROOT.resolve(module).resolve("pom.xml"));
      if (!module.equals("chatexport-bom")
          && !pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
        deployed.add(module);
      }
    }
    String bom = read(ROOT.resolve("chatexport-bom/pom.xml"));

    assertThat(deployed)
        .containsExactly(
            "chatexport-api", "chatexport-core", "chatexport-testdata", "chatexport-archive");
    assertThat(all(MANAGED, bom)).containsExactlyElementsOf(deployed);
    assertThat(bom).doesNotContain("<parent>").doesNotContain("<maven.deploy.skip>");
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
