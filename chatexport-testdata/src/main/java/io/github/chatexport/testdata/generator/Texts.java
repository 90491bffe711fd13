package io.github.chatexport.testdata.generator;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Synthetic text: prompts, markdown answers, code, titles, web pages. Mostly English with accents,
 * CJK, Cyrillic and emoji mixed in as real exports have them; code carries quotes, backslashes,
 * tabs and (2023) CRLF line ends.
 */
final class Texts {
  private static final String[] EN =
      ("the a an and or but if then so because while about above after again against all also always any are as at "
              + "be been before being below between both by can could data did do does down during each file few for "
              + "from function further good great had has have here how into is it its just last like list make many "
              + "more most much must need new next no not now number of off on once only other our out over own part "
              + "per plan please point problem query quite rather really right same see should simple some step such "
              + "table than that their them there these they thing this those through time to too under until up use "
              + "value very was way we well were what when where which while who why will with within without would "
              + "you your year day week model price test build error output result server client request response "
              + "cache memory thread stream parser export archive message branch context summary reason answer "
              + "question example option setting version update change compare measure budget trip route train "
              + "recipe garden weather bicycle battery kitchen invoice contract meeting deadline schedule library")
          .split(" ");
  private static final String[] FR =
      ("le la les un une des et ou mais donc car être avoir fait très déjà après où là ça élève été café crème "
              + "naïve façon garçon français économie hôpital château fenêtre forêt même première réponse question "
              + "problème système données réseau sécurité voilà cœur sœur théâtre mètre août noël")
          .split(" ");
  private static final String[] DE =
      ("der die das und oder aber nicht für über schön groß Straße Grüße Mädchen Bäckerei Größe Fußball "
              + "Übersicht Lösung Änderung Prüfung Zürich München Köln Frühstück gemütlich Käse Brötchen Gebühr")
          .split(" ");
  private static final String[] ES =
      ("el la los las y o pero porque más así también año niño señor mañana corazón canción información "
              + "pregunta respuesta está fácil difícil límite número día jamón piñata ¿qué? ¡hola! acción")
          .split(" ");
  private static final String[] RU =
      ("и в не на я что тот быть с он как это по но они к у ты из мы за вы так же от сказать этот который "
              + "вопрос ответ данные файл поезд погода привет спасибо хорошо")
          .split(" ");
  private static final String[] JA =
      ("東京 大阪 京都 日本語 ありがとう こんにちは 質問 回答 データ ファイル 電車 天気 料理 旅行 会議 "
              + "プログラム 設定 問題 解決 説明 例えば つまり しかし そして 確認 してください です ます")
          .split(" ");
  private static final String[] ZH =
      ("北京 上海 中文 你好 谢谢 问题 回答 数据 文件 火车 天气 菜谱 旅行 会议 程序 设置 解决 说明 例如 "
              + "但是 然后 确认 请 我们 可以 需要 因为 所以 什么 怎么")
          .split(" ");
  private static final String[] EMOJI = {
    "😀",
    "🚀",
    "👍",
    "👍🏽",
    "🎉",
    "🔥",
    "✅",
    "❌",
    "⚠️",
    "💡",
    "📌",
    "🇫🇷",
    "🇯🇵",
    "👩‍💻",
    "👨‍👩‍👧",
    "🙂",
    "🤔",
    "📈",
    "🧪",
    "☕",
    "🌍",
    "❤️",
    "✨"
  };
  private static final String[] TLDS = {
    "com", "org", "net", "io", "de", "fr", "co.uk", "example", "dev", "jp"
  };
  private static final String[] SITE_WORDS = {
    "news", "guide", "docs", "wiki", "blog", "travel", "city", "transit", "weather", "recipes",
    "review", "data", "stats", "forum", "shop", "museum", "library", "health", "science", "tech"
  };
  private static final String[] NAMES = {
    "Ana",
    "Björn",
    "Chloé",
    "Dmitri",
    "Emma",
    "François",
    "Günter",
    "Hana",
    "Işıl",
    "José",
    "Kenji",
    "Léa",
    "Mateo",
    "Noémie",
    "Ólafur",
    "Priya",
    "Renée",
    "Søren",
    "Tomás",
    "Yūki",
    "Zoë"
  };

  /** The languages a conversation is written in. */
  enum Lang {
    EN,
    FR,
    DE,
    ES,
    RU,
    JA,
    ZH
  }

  private final Rng r;
  private final Lang lang;
  private final double emojiRate;

  Texts(Rng r, Lang lang, double emojiRate) {
    this.r = r;
    this.lang = lang;
    this.emojiRate = emojiRate;
  }

  static Lang pickLang(Rng r) {
    return Lang.values()[r.weighted(new int[] {62, 8, 7, 7, 4, 6, 6})];
  }

  Lang lang() {
    return lang;
  }

  private String[] pool() {
    return switch (lang) {
      case FR -> FR;
      case DE -> DE;
      case ES -> ES;
      case RU -> RU;
      case JA -> JA;
      case ZH -> ZH;
      default -> EN;
    };
  }

  private boolean cjk() {
    return lang == Lang.JA || lang == Lang.ZH;
  }

  private String word() {
    // Technical words are English in every language.
    return lang == Lang.EN || r.chance(0.35) ? r.pick(EN) : r.pick(pool());
  }

  /** {@code n} words (CJK without spaces). */
  String words(int min, int max) {
    int n = r.between(min, max);
    StringBuilder out = new StringBuilder(n * 7);
    for (int i = 0; i < n; i++) {
      if (i > 0 && !cjk()) {
        out.append(' ');
      }
      out.append(cjk() && r.chance(0.8) ? r.pick(pool()) : word());
    }
    return out.toString();
  }

  void sentence(StringBuilder out) {
    int start = out.length();
    out.append(words(5, 16));
    if (start < out.length()) {
      out.setCharAt(start, Character.toUpperCase(out.charAt(start)));
    }
    int extra = r.nextInt(12);
    if (extra == 0) {
      out.append(" \"").append(words(1, 3)).append('"');
    } else if (extra == 1) {
      out.append(" (").append(r.between(2, 2000)).append(" ").append(words(1, 2)).append(')');
    } else if (extra == 2) {
      out.append(" `").append(identifier()).append("()`");
    } else if (extra == 3) {
      out.append(" **").append(words(1, 2)).append("**");
    } else if (extra == 4) {
      out.append(", ").append(r.pick(NAMES)).append("'s");
    }
    if (r.chance(emojiRate)) {
      out.append(' ').append(r.pick(EMOJI));
    }
    out.append(
        cjk() ? (r.chance(0.8) ? "。" : "？") : r.chance(0.85) ? "." : r.chance(0.6) ? "?" : "!");
  }

  String sentence() {
    StringBuilder out = new StringBuilder(96);
    sentence(out);
    return out.toString();
  }

  void paragraph(StringBuilder out, int sentences) {
    for (int i = 0; i < sentences; i++) {
      if (i > 0 && !cjk()) {
        out.append(' ');
      }
      sentence(out);
    }
  }

  /** A user prompt: a question, sometimes with pasted text. */
  String prompt() {
    StringBuilder out = new StringBuilder(160);
    paragraph(out, r.between(1, 3));
    if (r.chance(0.12)) {
      out.append("\n\n");
      paragraph(out, r.between(3, 10));
    }
    if (r.chance(0.05)) {
      out.append("\n\n```\n").append(code("text", false)).append("\n```");
    }
    return out.toString();
  }

  /** A markdown answer of about {@code chars} characters. */
  String answer(int chars) {
    StringBuilder out = new StringBuilder(chars + 200);
    answer(out, chars, null);
    return out.toString();
  }

  /**
   * Appends an answer; {@code markers}, if given, is called after some sentences to insert citation
   * markers.
   */
  void answer(StringBuilder out, int chars, @Nullable Consumer<StringBuilder> markers) {
    int end = out.length() + chars;
    boolean first = true;
    while (out.length() < end) {
      if (!first) {
        out.append("\n\n");
      }
      first = false;
      int kind = r.nextInt(10);
      if (kind == 0) {
        out.append("### ").append(words(2, 5)).append("\n\n");
        paragraph(out, r.between(1, 3));
      } else if (kind <= 2) {
        int items = r.between(2, 6);
        for (int i = 0; i < items; i++) {
          out.append(i == 0 ? "" : "\n").append(r.chance(0.5) ? "- " : (i + 1) + ". ");
          sentence(out);
          if (markers != null && r.chance(0.3)) {
            markers.accept(out);
          }
        }
      } else if (kind == 3) {
        String language = r.pick(new String[] {"python", "javascript", "bash", "sql", "java"});
        out.append("```")
            .append(language)
            .append('\n')
            .append(code(language, false))
            .append("\n```");
      } else if (kind == 4 && r.chance(0.4)) {
        out.append("| ")
            .append(words(1, 1))
            .append(" | ")
            .append(words(1, 1))
            .append(" |\n|---|---|");
        for (int i = r.between(2, 5); i > 0; i--) {
          out.append("\n| ")
              .append(words(1, 2))
              .append(" | ")
              .append(r.between(1, 999))
              .append(" |");
        }
      } else {
        int sentences = r.between(2, 5);
        for (int i = 0; i < sentences; i++) {
          if (i > 0 && !cjk()) {
            out.append(' ');
          }
          sentence(out);
          if (markers != null && r.chance(0.35)) {
            markers.accept(out);
          }
        }
      }
    }
  }

  String title() {
    int kind = r.nextInt(10);
    String t = words(2, 6);
    if (!t.isEmpty()) {
      t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }
    if (kind == 0) {
      t = t + " " + r.pick(EMOJI);
    } else if (kind == 1) {
      t = "\"" + t + "\" explained";
    }
    return t;
  }

  String identifier() {
    String a = r.pick(EN);
    String b = r.pick(EN);
    return a + Character.toUpperCase(b.charAt(0)) + b.substring(1);
  }

  String name() {
    return r.pick(NAMES);
  }

  String emoji() {
    return r.pick(EMOJI);
  }

  String domain() {
    return r.pick(SITE_WORDS) + (r.chance(0.5) ? "-" + r.pick(EN) : "") + "." + r.pick(TLDS);
  }

  String url(String domain) {
    StringBuilder out =
        new StringBuilder("https://").append(r.chance(0.5) ? "www." : "").append(domain);
    for (int i = r.between(1, 3); i > 0; i--) {
      out.append('/').append(r.pick(EN)).append(r.chance(0.3) ? "-" + r.pick(EN) : "");
    }
    if (r.chance(0.2)) {
      out.append("?utm_source=chatgpt.com");
    }
    return out.toString();
  }

  /**
   * Some lines of code in {@code language}, with quotes, backslashes and tabs; CRLF line ends if
   * asked.
   */
  String code(String language, boolean crlf) {
    StringBuilder out = new StringBuilder(400);
    String v = identifier();
    String f = identifier();
    switch (language) {
      case "python" -> {
        out.append("import re\nimport pandas as pd\n\n");
        out.append("def ").append(f).append("(path, sep=\"\\t\"):\n");
        out.append("    \"\"\"").append(words(3, 8)).append(".\"\"\"\n");
        out.append("    ").append(v).append(" = pd.read_csv(path, sep=sep)\n");
        out.append("    pattern = re.compile(r\"^\\d{4}-\\d{2}-\\d{2}\\s+(\\w+)$\")\n");
        out.append("    return ")
            .append(v)
            .append("[")
            .append(v)
            .append("[\"")
            .append(r.pick(EN))
            .append("\"].str.match(pattern)]\n\n");
        out.append("print(")
            .append(f)
            .append("('C:\\\\Users\\\\")
            .append(r.pick(NAMES))
            .append("\\\\data.tsv').head(")
            .append(r.between(3, 20))
            .append("))");
      }
      case "javascript" -> {
        out.append("const ")
            .append(v)
            .append(" = await fetch(`/api/")
            .append(r.pick(EN))
            .append("?q=${encodeURIComponent(")
            .append("query)}`);\n");
        out.append("if (!")
            .append(v)
            .append(".ok) throw new Error(\"HTTP \" + ")
            .append(v)
            .append(".status);\n");
        out.append("const data = JSON.parse(await ").append(v).append(".text());\n");
        out.append(
            "console.log(data.items.map(x => x.name.replace(/\\s+/g, \"_\")).join(\"\\n\"));");
      }
      case "bash" -> {
        out.append("#!/usr/bin/env bash\nset -euo pipefail\n");
        out.append("for f in \"$HOME\"/").append(r.pick(EN)).append("/*.json; do\n");
        out.append("\tjq -r '.[] | \"\\(.id)\\t\\(.title)\"' \"$f\" >> out.tsv\n");
        out.append("done\necho \"done: $(wc -l < out.tsv) rows\"");
      }
      case "sql" -> {
        out.append("SELECT ")
            .append(r.pick(EN))
            .append(", COUNT(*) AS n\nFROM ")
            .append(identifier())
            .append(
                "\nWHERE name LIKE '%\\_%' ESCAPE '\\\\' AND created_at >= '2024-01-01'\nGROUP BY 1\n")
            .append("ORDER BY n DESC\nLIMIT ")
            .append(r.between(5, 100))
            .append(';');
      }
      case "java" -> {
        out.append("try (var in = Files.newBufferedReader(Path.of(\"")
            .append(r.pick(EN))
            .append(".txt\"))) {\n\tString line;\n\twhile ((line = in.readLine()) != null) {\n");
        out.append("\t\tSystem.out.println(line.replace(\"\\\\\", \"/\") + \"\\t\" + ")
            .append(v)
            .append(");\n\t}\n}");
      }
      default -> {
        for (int i = r.between(2, 6); i > 0; i--) {
          out.append(words(2, 6)).append('\t').append(r.between(0, 9999)).append('\n');
        }
        out.append(words(1, 3));
      }
    }
    String s = out.toString();
    return crlf ? s.replace("\n", "\r\n") : s;
  }
}
