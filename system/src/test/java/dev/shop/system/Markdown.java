package dev.shop.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Markdown file as GitHub reads it, as far as links go: the anchors its headings get and the
 * links it holds, outside code blocks and code spans. Only what the shop's documents use: ATX
 * headings ({@code ## ...}), inline links and images, reference definitions, and HTML
 * {@code href}/{@code src}/{@code id}/{@code name} attributes.
 */
record Markdown(Path file, List<String> lines) {

    /** A link as written, and the line it is on (1-based). */
    record Link(int line, String target) {
    }

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^>\\s]+)>?");
    private static final Pattern HTML_TARGET = Pattern.compile("\\b(?:href|src)=\"([^\"]+)\"");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s[^>]*\\b(?:id|name)=\"([^\"]+)\"");

    static Markdown read(Path file) throws IOException {
        return new Markdown(file, Files.readAllLines(file));
    }

    /** The Markdown files under a directory, outside build output and hidden directories. */
    static List<Path> under(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .filter(f -> root.relativize(f).getParent() == null || !skipped(root.relativize(f).getParent()))
                    .sorted()
                    .toList();
        }
    }

    private static boolean skipped(Path directory) {
        for (Path part : directory) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The anchors GitHub gives this file's headings (and explicit HTML anchors). */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose()) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int times = seen.merge(slug, 1, Integer::sum);
                anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
        }
        return anchors;
    }

    /** The headings' text, in order, as written. */
    List<String> headings() {
        List<String> headings = new ArrayList<>();
        for (String line : prose()) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                headings.add(heading.group(2));
            }
        }
        return headings;
    }

    List<Link> links() {
        List<Link> links = new ArrayList<>();
        List<String> prose = prose();
        for (int i = 0; i < prose.size(); i++) {
            String line = CODE_SPAN.matcher(prose.get(i)).replaceAll("");
            for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION, HTML_TARGET)) {
                Matcher m = pattern.matcher(line);
                while (m.find()) {
                    String target = m.group(m.groupCount());
                    if (target.startsWith("<") && target.endsWith(">")) {
                        target = target.substring(1, target.length() - 1);
                    }
                    links.add(new Link(i + 1, target));
                }
            }
        }
        return links;
    }

    /** The lines with the lines of fenced code blocks blanked, so that numbering stays. */
    private List<String> prose() {
        List<String> prose = new ArrayList<>(lines.size());
        String fence = null;
        for (String line : lines) {
            Matcher opening = FENCE.matcher(line);
            if (fence == null && opening.find()) {
                fence = opening.group(1);
                prose.add("");
            } else if (fence != null) {
                if (line.strip().startsWith(fence)) {
                    fence = null;
                }
                prose.add("");
            } else {
                prose.add(line);
            }
        }
        return prose;
    }

    /**
     * GitHub's anchor for a heading: the text as rendered (no code marks, emphasis or link syntax),
     * lower case, every character that is not a letter, digit, mark, underscore, hyphen or space
     * dropped, and each space made a hyphen.
     */
    static String slug(String heading) {
        String text = heading
                .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .replaceAll("<[^>]+>", "")
                .replace("`", "")
                .replaceAll("(\\*{1,3}|\\b_{1,3}|_{1,3}\\b)", "")
                .strip();
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                .replace(' ', '-');
    }
}
