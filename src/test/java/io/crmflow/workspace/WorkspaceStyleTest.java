package io.crmflow.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The workspace's stylesheet keeps WCAG AA: every pair of text and background colours it uses has a
 * contrast of 4.5:1 or more (3:1 for the focus ring against what it surrounds), and it loads nothing
 * from elsewhere (no CDN, no web fonts: the workspace works offline).
 */
class WorkspaceStyleTest {

  private static final Path STYLESHEET = Path.of("src/main/resources/static/app/app.css");

  @Test
  void shouldKeepTextReadableInEveryColourPair() throws Exception {
    Map<String, String> colours = colours(Files.readString(STYLESHEET));
    List<List<String>> textOnBackground = List.of(
        List.of("--text", "--background"), List.of("--text", "--panel"), List.of("--muted", "--background"),
        List.of("--muted", "--panel"), List.of("--link", "--panel"), List.of("--link", "--background"),
        List.of("--error", "--panel"), List.of("--error", "--background"), List.of("--header-text", "--header"),
        List.of("--text", "--warning-bg"), List.of("--panel", "--link"));
    for (List<String> pair : textOnBackground) {
      assertThat(contrast(colours.get(pair.get(0)), colours.get(pair.get(1)))).as("%s on %s", pair.get(0), pair.get(1))
          .isGreaterThanOrEqualTo(4.5);
    }
    assertThat(contrast(colours.get("--focus"), colours.get("--panel"))).as("focus ring").isGreaterThanOrEqualTo(3);
    assertThat(contrast(colours.get("--focus"), colours.get("--background"))).as("focus ring")
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldLoadNothingFromElsewhere() throws Exception {
    String css = Files.readString(STYLESHEET);
    assertThat(css).doesNotContain("@import", "url(", "@font-face", "http:", "https:");
    assertThat(css).contains(":focus-visible", "@media (max-width: 700px)");
  }

  private static Map<String, String> colours(String css) {
    Map<String, String> colours = new HashMap<>();
    Matcher property = Pattern.compile("(--[a-z-]+):\\s*(#[0-9a-fA-F]{6});").matcher(css);
    while (property.find()) {
      colours.put(property.group(1), property.group(2));
    }
    return colours;
  }

  /** WCAG 2 contrast ratio of two sRGB colours written #rrggbb. */
  private static double contrast(String first, String second) {
    double a = luminance(first);
    double b = luminance(second);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  private static double luminance(String hex) {
    double[] rgb = new double[3];
    for (int i = 0; i < 3; i++) {
      double channel = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      rgb[i] = channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  }
}
