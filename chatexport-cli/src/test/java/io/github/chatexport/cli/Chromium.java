package io.github.chatexport.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Debian Chromium driven over the DevTools protocol (a WebSocket from the JDK's own HTTP
 * client, JSON through jackson-core): one browser, one tab, navigation, script evaluation,
 * screenshots, emulated width and colour scheme, and the browser's network log (every URL it
 * requested).
 *
 * <p>Absent Chromium skips the tests that need it, with a message, except when {@code CI} is set,
 * where it is a failure.
 */
final class Chromium implements AutoCloseable {
  /** Flags for a closed network and a clean, quiet, reproducible browser. */
  static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-extensions",
          "--disable-default-apps",
          "--mute-audio",
          "--hide-scrollbars",
          "--force-device-scale-factor=1",
          "--lang=en-US");

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Map<String, Object>>> pending =
      new ConcurrentHashMap<>();
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final String session;

  /** The binary: {@code $CHROMIUM}, else Debian's {@code /usr/bin/chromium}. */
  static Path binary() {
    String env = System.getenv("CHROMIUM");
    return Path.of(env != null && !env.isBlank() ? env : "/usr/bin/chromium");
  }

  /** Starts Chromium, or skips the calling tests (fails them on CI) when it is not installed. */
  static Chromium start(Path profile) throws Exception {
    Path binary = binary();
    if (!Files.isExecutable(binary)) {
      String message =
          "Chromium not found at "
              + binary
              + ": the browser tests need Debian's chromium package"
              + " (apt-get install chromium) or $CHROMIUM";
      if (System.getenv("CI") != null) {
        Assertions.fail(message + " (CI is set: on CI the browser tests must run)");
      }
      Assumptions.abort(message + "; skipped");
    }
    return new Chromium(binary, profile);
  }

  private Chromium(Path binary, Path profile) throws Exception {
    this.profile = profile;
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + profile);
    command.add("--remote-debugging-port=0");
    command.add("--window-size=1280,900");
    command.add("about:blank");
    process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  }
                }
              } catch (IOException e) {
                url.completeExceptionally(e);
              }
              url.completeExceptionally(new IOException("Chromium ended before it listened"));
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    String ws;
    try {
      ws = url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("Chromium did not start: " + e, e);
    }
    HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    socket =
        http.newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(URI.create(ws), new Listener())
            .join();
    Map<String, Object> target = browserCall("Target.createTarget", Map.of("url", "about:blank"));
    Map<String, Object> attached =
        browserCall(
            "Target.attachToTarget", Map.of("targetId", target.get("targetId"), "flatten", true));
    session = (String) attached.get("sessionId");
    call("Page.enable", Map.of());
    call("Runtime.enable", Map.of());
    call("Network.enable", Map.of());
    // Reports every Content Security Policy violation of every page into the console, where it is
    // collected.
    call(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "document.addEventListener('securitypolicyviolation', function (e) {"
                + " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI); });"));
  }

  /** Every URL the browser requested since it started, in order. */
  List<String> requested() {
    return List.copyOf(requested);
  }

  /** Script errors, console errors and CSP violations since the last call. */
  List<String> problems() {
    List<String> out = List.copyOf(problems);
    problems.clear();
    return out;
  }

  /** Opens {@code url} and waits until the page and its scripts have loaded. */
  void open(String url) throws Exception {
    call("Page.navigate", Map.of("url", url));
    long end = System.nanoTime() + TIMEOUT.toNanos();
    Thread.sleep(20);
    while (!"complete".equals(eval("document.readyState"))
        || "about:blank".equals(eval("location.href"))) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("not loaded: " + url);
      }
      Thread.sleep(20);
    }
  }

  /**
   * The value of a JavaScript expression (awaited when a promise), as JSON values (Map, List,
   * String, …).
   */
  @Nullable Object eval(String expression) throws Exception {
    Map<String, Object> r =
        call(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (r.get("exceptionDetails") != null) {
      throw new IllegalStateException(
          "script failed: " + expression + ": " + r.get("exceptionDetails"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) r.get("result");
    return result == null ? null : result.get("value");
  }

  /** Waits until {@code condition} (JavaScript) is true. */
  void await(String condition) throws Exception {
    long end = System.nanoTime() + TIMEOUT.toNanos();
    while (!Boolean.TRUE.equals(eval("!!(" + condition + ")"))) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("never true: " + condition);
      }
      Thread.sleep(10);
    }
  }

  /** The viewport: {@code width} × {@code height} CSS pixels, as a phone when {@code mobile}. */
  void viewport(int width, int height, boolean mobile) throws Exception {
    call(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /** The colour scheme the pages see ({@code prefers-color-scheme}). */
  void colorScheme(String scheme) throws Exception {
    call(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  /** A PNG of the viewport, or of the whole page when {@code full}. */
  byte[] screenshot(boolean full) throws Exception {
    Map<String, Object> r =
        call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", full));
    return Base64.getDecoder().decode((String) r.get("data"));
  }

  /** A command to the tab. */
  Map<String, Object> call(String method, Map<String, Object> params) throws Exception {
    return send(method, params, session);
  }

  private Map<String, Object> browserCall(String method, Map<String, Object> params) {
    try {
      return send(method, params, null);
    } catch (Exception e) {
      throw new IllegalStateException(method + " failed", e);
    }
  }

  private Map<String, Object> send(
      String method, Map<String, Object> params, @Nullable String sessionId) throws Exception {
    int id = ids.incrementAndGet();
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", id);
    message.put("method", method);
    message.put("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
    pending.put(id, answer);
    socket.sendText(write(message), true).join();
    Map<String, Object> reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.get("error") != null) {
      throw new IllegalStateException(method + ": " + reply.get("error"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) reply.getOrDefault("result", Map.of());
    return result;
  }

  @SuppressWarnings("unchecked")
  private void received(String text) {
    Map<String, Object> message;
    try {
      message = (Map<String, Object>) read(text);
    } catch (IOException e) {
      problems.add("unreadable DevTools message: " + e);
      return;
    }
    Object id = message.get("id");
    if (id instanceof Number n) {
      CompletableFuture<Map<String, Object>> f = pending.remove(n.intValue());
      if (f != null) {
        f.complete(message);
      }
      return;
    }
    String method = String.valueOf(message.get("method"));
    Map<String, Object> params = (Map<String, Object>) message.getOrDefault("params", Map.of());
    switch (method) {
      case "Network.requestWillBeSent" ->
          requested.add(String.valueOf(((Map<String, Object>) params.get("request")).get("url")));
      case "Runtime.exceptionThrown" ->
          problems.add("exception: " + params.get("exceptionDetails"));
      case "Runtime.consoleAPICalled" -> {
        if ("error".equals(params.get("type")) || "warning".equals(params.get("type"))) {
          problems.add("console: " + params.get("args"));
        }
      }
      default -> {}
    }
  }

  @Override
  public void close() {
    try {
      pending.clear();
      socket
          .sendText(write(Map.of("id", ids.incrementAndGet(), "method", "Browser.close")), true)
          .get(5, TimeUnit.SECONDS);
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // ended below in any case
    }
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the browser is ended below in any case
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The user-data folder of this browser. */
  Path profile() {
    return profile;
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        received(text);
      }
      webSocket.request(1);
      return null;
    }
  }

  private static String write(Object value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      write(g, value);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, @Nullable Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(e.getKey().toString());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else {
      g.writeString(value.toString());
    }
  }

  private static @Nullable Object read(String text) throws IOException {
    try (JsonParser p = JSON.createParser(text)) {
      p.nextToken();
      return value(p);
    }
  }

  private static @Nullable Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.put(name, value(p));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue() <= Integer.MAX_VALUE && p.getLongValue() >= Integer.MIN_VALUE
            ? (Object) p.getIntValue()
            : (Object) p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return true;
      }
      case VALUE_FALSE -> {
        return false;
      }
      default -> {
        return null;
      }
    }
  }
}
