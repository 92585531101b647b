package io.github.anonftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The Java examples of README.md and docs/testing.md are the compiled tests they say they are, byte for byte: a
 * fenced block after {@code <!-- compiled from PATH -->} is the whole file, after
 * {@code <!-- compiled from PATH#NAME -->} the lines between {@code // NAME begins} and {@code // NAME ends}
 * (their common indentation removed; lines from {@code // NAME pauses} to {@code // NAME resumes}, the test's own
 * checks, left out). Every Java block of those files is marked, compiled or not. The
 * {@code pom.xml} of docs/testing.md uses this build's versions, and the README gives its Maven coordinates.
 */
class DocExamplesTest {

    private static final List<Path> CHECKED = List.of(Path.of("README.md"), Path.of("docs/testing.md"));
    private static final Pattern MARKER = Pattern.compile("<!-- compiled from ([^#\\s]+)(?:#([^>]+?))? -->");
    private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL);

    /** A fenced block with the line before it. */
    record Block(Path doc, String language, String before, String text) {
        @Override
        public String toString() {
            return doc + ": " + language + " block after \"" + before + "\"";
        }
    }

    static List<Block> blocks(Path doc) throws IOException {
        String markdown = Files.readString(doc, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(markdown);
        while (fence.find()) {
            String head = markdown.substring(0, fence.start()).stripTrailing();
            String before = head.substring(head.lastIndexOf('\n') + 1);
            blocks.add(new Block(doc, fence.group(1), before, fence.group(2)));
        }
        return blocks;
    }

    static Stream<Block> javaBlocks() throws IOException {
        List<Block> all = new ArrayList<>();
        for (Path doc : CHECKED) {
            blocks(doc).stream().filter(b -> b.language().equals("java")).forEach(all::add);
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaBlocks")
    void everyJavaExampleIsTheCompiledSourceItNames(Block block) throws IOException {
        if (block.before().startsWith("<!-- not compiled")) {
            return;
        }
        Matcher marker = MARKER.matcher(block.before());
        assertThat(marker.matches()).as("%s: mark it <!-- compiled from PATH --> or <!-- not compiled: why -->",
                block).isTrue();
        String source = Files.readString(Path.of(marker.group(1)), StandardCharsets.UTF_8);
        String expected = marker.group(2) == null ? source : region(source, marker.group(2));
        assertThat(block.text()).as("%s is %s", block, marker.group(1)).isEqualTo(expected);
    }

    @Test
    void bothCompiledDocumentsShowTheirExamples() throws IOException {
        assertThat(javaBlocks().filter(b -> b.before().startsWith("<!-- compiled from"))).extracting(Block::doc)
                .containsOnly(CHECKED.toArray(Path[]::new)).hasSizeGreaterThanOrEqualTo(3);
    }

    /** The region's lines, without their common indentation and the paused ones, each ending in a newline. */
    static String region(String source, String name) {
        List<String> lines = source.lines().toList();
        int begin = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// " + name + " begins"))
                .findFirst().orElseThrow(() -> new AssertionError("no region " + name)));
        int end = begin + 1;
        while (end < lines.size() && !lines.get(end).strip().equals("// " + name + " ends")) {
            end++;
        }
        List<String> region = new ArrayList<>();
        boolean paused = false;
        for (String line : lines.subList(begin + 1, end)) {
            if (line.strip().equals("// " + name + " pauses") || line.strip().equals("// " + name + " resumes")) {
                paused = !paused;
            } else if (!paused) {
                region.add(line);
            }
        }
        int indent = region.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        region.forEach(l -> text.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return text.toString();
    }

    @Test
    void theTestingPomUsesThisBuildsVersions() throws Exception {
        Block pomBlock = blocks(Path.of("docs/testing.md")).stream()
                .filter(b -> b.before().equals("<!-- versions checked against pom.xml -->")).findFirst().orElseThrow();
        Document doc = parse(pomBlock.text());
        Document pom = parse(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8));
        Map<String, String> properties = properties(pom);

        Map<String, String> documented = versions(doc, "dependency");
        assertThat(documented).containsEntry("anonftp", text(pom.getDocumentElement(), "version"))
                .containsEntry("junit-jupiter", properties.get("junit.version"))
                .containsEntry("commons-net", properties.get("commons-net.version"))
                .containsEntry("slf4j-simple", properties.get("slf4j.version"));
        Map<String, String> plugins = versions(doc, "plugin");
        Map<String, String> built = versions(pom, "plugin");
        assertThat(plugins).containsOnlyKeys("maven-compiler-plugin", "maven-surefire-plugin");
        plugins.forEach((plugin, version) -> assertThat(version).as(plugin).isEqualTo(built.get(plugin)));
        assertThat(properties(doc)).containsEntry("maven.compiler.release", properties.get("maven.compiler.release"));
    }

    @Test
    void theReadmeGivesTheMavenCoordinatesOnItsFirstScreen() throws Exception {
        Document pom = parse(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8));
        String coordinates = text(pom.getDocumentElement(), "groupId") + ":"
                + text(pom.getDocumentElement(), "artifactId") + ":" + text(pom.getDocumentElement(), "version");
        List<String> firstScreen = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8).subList(0, 25);
        assertThat(String.join("\n", firstScreen)).contains("`" + coordinates + "`");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** artifactId to version of every {@code element} (dependency or plugin) that states a version. */
    private static Map<String, String> versions(Document doc, String element) {
        Map<String, String> versions = new LinkedHashMap<>();
        NodeList nodes = doc.getElementsByTagName(element);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String version = text(e, "version");
            if (version != null) {
                versions.putIfAbsent(text(e, "artifactId"), version);
            }
        }
        return versions;
    }

    private static Map<String, String> properties(Document doc) {
        Map<String, String> properties = new LinkedHashMap<>();
        NodeList nodes = doc.getElementsByTagName("properties");
        for (int i = 0; i < nodes.getLength(); i++) {
            NodeList children = nodes.item(i).getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                if (children.item(j) instanceof Element e) {
                    properties.put(e.getTagName(), e.getTextContent().strip());
                }
            }
        }
        return properties;
    }

    /** The text of {@code parent}'s direct child {@code name}, or null. */
    private static String text(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }
}
