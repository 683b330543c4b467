package cn.ruralcredit.loanfactory.ruletests;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spec (business rules and API contract) lives in the repository, and every relative link of
 * its Markdown files leads to a file or folder of the checkout: a clone holds everything the
 * documents and the code comments cite.
 */
class DocumentationLinksTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** {@code [text](target)}; the target up to a closing parenthesis, space or {@code #}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)(#[^)\\s]*)?\\)");

    @Test
    void theSpecIsPartOfTheRepository() throws IOException {
        for (String doc : List.of("docs/spec/API.md", "docs/spec/PRODUCTS.md")) {
            Path file = ROOT.resolve(doc);
            assertTrue(Files.isRegularFile(file), doc + " is missing from the checkout");
            assertTrue(Files.size(file) > 1_000, doc + " is empty");
        }
    }

    @Test
    void everyRelativeLinkOfTheDocumentationResolvesInsideTheCheckout() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> docs;
        try (Stream<Path> files = Files.walk(ROOT)) {
            docs = files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !ROOT.relativize(p).toString().matches("(.*/)?(target|node_modules|\\.git|\\.data)/.*"))
                    .toList();
        }
        assertTrue(docs.contains(ROOT.resolve("README.md")), "README.md not found under " + ROOT);
        for (Path doc : docs) {
            Matcher m = LINK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                Path resolved = doc.getParent().resolve(target).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(doc) + " → " + target);
                }
            }
        }
        assertEquals(List.of(), broken, "links that lead nowhere in a clone of the repository");
    }
}
