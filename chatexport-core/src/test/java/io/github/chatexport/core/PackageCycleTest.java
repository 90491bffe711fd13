package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of chatexport-core depend on each other without a cycle, read from the compiled
 * classes' constant pools (class references and the descriptors and signatures of fields and
 * methods).
 *
 * <p>The root package is two nodes: its types that use the internals (the façade: {@code
 * ExportReader}, {@code ExportWriter}, {@code Assets}) and those that do not ({@code
 * ChatExportException}, {@code ExportLayout}, {@code ProgressListener}), which the internals may
 * use in turn. So the internals may throw {@code ChatExportException}, but may not call back into
 * {@code ExportReader}.
 */
class PackageCycleTest {
  private static final String ROOT = "io/github/chatexport/core";
  private static final Pattern NAME = Pattern.compile(ROOT + "(?:/[A-Za-z_$][\\w$]*)+");

  @Test
  void corePackagesHaveNoCycle() throws IOException {
    Map<String, Set<String>> classes = classDependencies(classesDirectory());
    assertThat(classes).as("compiled classes found").hasSizeGreaterThan(40);
    Map<String, Set<String>> packages = packageGraph(classes);
    assertThat(packages.keySet())
        .as("the packages")
        .contains(
            "core (façade)",
            "core",
            "core.internal",
            "core.internal.parallel",
            "core.internal.pass");
    assertThat(cycle(packages)).as("a cycle between packages; the graph is %s", packages).isEmpty();
  }

  @Test
  void everyPackageHasAPackageInfo() throws IOException {
    Path classes = classesDirectory();
    Set<String> packages = new TreeSet<>();
    for (String c : classDependencies(classes).keySet()) {
      packages.add(c.substring(0, c.lastIndexOf('/')));
    }
    for (String p : packages) {
      assertThat(classes.resolve(p + "/package-info.class"))
          .as("package-info of %s (@NullMarked)", p)
          .exists();
    }
  }

  @Test
  void findsACycleWhereThereIsOne() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("c"));
    graph.put("c", Set.of("d", "b"));
    graph.put("d", Set.of());
    assertThat(cycle(graph)).containsExactly("b", "c", "b");
    graph.put("c", Set.of("d"));
    assertThat(cycle(graph)).isEmpty();
  }

  private static Path classesDirectory() {
    try {
      Path dir =
          Path.of(ExportReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      assertThat(dir.resolve(ROOT + "/ExportReader.class"))
          .as("compiled classes in %s", dir)
          .exists();
      return dir;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Each class of core (by its internal name, {@code a/b/C$D}) and the classes of core it names.
   */
  private static Map<String, Set<String>> classDependencies(Path dir) throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> all = Files.walk(dir.resolve(ROOT))) {
      files =
          all.filter(
                  f ->
                      f.toString().endsWith(".class")
                          && !f.getFileName().toString().equals("package-info.class"))
              .toList();
    }
    for (Path f : files) {
      String name = dir.relativize(f).toString().replace('\\', '/');
      name = name.substring(0, name.length() - ".class".length());
      Set<String> deps = new TreeSet<>();
      try (InputStream in = Files.newInputStream(f)) {
        for (String utf8 : constantPoolStrings(in)) {
          Matcher m = NAME.matcher(utf8);
          while (m.find()) {
            deps.add(m.group());
          }
        }
      }
      deps.remove(name);
      out.put(name, deps);
    }
    return out;
  }

  /** The UTF-8 constants of a class file: every class name, descriptor and signature it holds. */
  private static List<String> constantPoolStrings(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    List<String> out = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> out.add(in.readUTF());
        case 7, 8, 16, 19, 20 -> in.skipBytes(2); // class, string, method type, module, package
        case 15 -> in.skipBytes(3); // method handle
        case 3, 4, 9, 10, 11, 12, 17, 18 ->
            in.skipBytes(4); // int, float, refs, name and type, dynamic
        case 5, 6 -> {
          in.skipBytes(8); // long, double: two entries
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return out;
  }

  /**
   * The graph of packages (relative to {@code io.github.chatexport}), the root package cut in two.
   */
  private static Map<String, Set<String>> packageGraph(Map<String, Set<String>> classes) {
    Map<String, String> node = new HashMap<>();
    for (Map.Entry<String, Set<String>> c : classes.entrySet()) {
      String pkg = c.getKey().substring(0, c.getKey().lastIndexOf('/'));
      String n = pkg.substring("io/github/chatexport/".length()).replace('/', '.');
      if (pkg.equals(ROOT)
          && c.getValue().stream().anyMatch(d -> d.startsWith(ROOT + "/internal/"))) {
        n = "core (façade)";
      }
      node.put(c.getKey(), n);
    }
    // A nested class of a façade type is part of the façade (ExportReader.Builder), and the other
    // way round.
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String c : classes.keySet()) {
        String outer = c.contains("$") ? c.substring(0, c.indexOf('$')) : c;
        String n = node.get(c);
        String o = node.get(outer);
        if (o != null && !o.equals(n) && (o.equals("core (façade)") || n.equals("core (façade)"))) {
          node.put(c, "core (façade)");
          node.put(outer, "core (façade)");
          changed = true;
        }
      }
    }
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Map.Entry<String, Set<String>> c : classes.entrySet()) {
      String from = node.get(c.getKey());
      Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
      for (String d : c.getValue()) {
        String n =
            node.get(d.contains("$") && !node.containsKey(d) ? d.substring(0, d.indexOf('$')) : d);
        if (n != null && !n.equals(from)) {
          to.add(n);
        }
      }
    }
    return graph;
  }

  /**
   * A cycle of {@code graph}, as the path that closes it ({@code a, b, a}); empty if there is none.
   */
  private static List<String> cycle(Map<String, Set<String>> graph) {
    Set<String> done = new HashSet<>();
    for (String start : graph.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> found = visit(start, graph, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String n, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
    int at = path.indexOf(n);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      cycle.add(n);
      return cycle;
    }
    if (done.contains(n)) {
      return List.of();
    }
    path.add(n);
    for (String next : graph.getOrDefault(n, Set.of())) {
      List<String> found = visit(next, graph, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    done.add(n);
    return List.of();
  }
}
