package cn.ruralcredit.loanfactory.rules.seed;

import cn.ruralcredit.loanfactory.rules.scenario.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The seed scenario suites: for each seed product, the golden cases its version-1 rule set must
 * decide as written, read from {@code seed-scenarios/<PRODUCT_CODE>/*.json} on the classpath (the
 * file format is in {@code seed-scenarios/README.md}). The same files are the {@code rule-tests}
 * JUnit suite and what the decision service seeds each product's editable suite from, so both
 * check exactly the same cases.
 *
 * <h2>Which files: an index per product, not a directory listing</h2>
 * Each product folder holds an {@code index.txt}: the names of its scenario files, one a line.
 * The loader reads the index and then each file by its exact name, so it needs nothing but
 * {@link ClassLoader#getResourceAsStream(String)}, which every class loader supports the same
 * way: {@code product-rules} as a directory ({@code target/classes} in Maven and the IDE), as a
 * jar ({@code lib/main/*.jar} of the Quarkus fast-jar, where the Quarkus {@code RunnerClassLoader}
 * loads it), the Quarkus dev and test class loaders, and a native image. Listing the folder
 * instead would depend on what {@code getResource("seed-scenarios/FUNONG")} returns, and that
 * differs: a {@code file:} URL to walk, a {@code jar:} URL whose zip file system must be opened
 * (and fails with {@code FileSystemAlreadyExistsException} when two callers do it at once), or
 * {@code null} when the jar was written without directory entries or when the class loader does
 * not serve directories; Quarkus class loaders have had such gaps (quarkusio/quarkus#11707,
 * #23582, #23744, #44478). A listing that silently finds no files would seed a product with an
 * empty suite and let its publish gate pass everything; with the index, a missing file is an
 * error naming it. The price is keeping the index in step with the folder: {@code
 * SeedScenariosTest} fails, printing the index to write, when they differ, so a drifted index
 * cannot get past the build. After adding or removing a file, in the product folder:
 * {@code LC_ALL=C ls *.json > index.txt}.
 *
 * <p>Files are parsed with a default Jackson {@code ObjectMapper}, as the suite always read them.
 */
public final class SeedScenarios {
    static final String ROOT = "seed-scenarios/";
    static final String INDEX = "index.txt";
    static final String SUFFIX = ".json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedScenarios() {
    }

    /**
     * The scenario cases of a seed product, sorted by file name; each call parses the files anew.
     *
     * @throws IllegalArgumentException when {@code productCode} is not one of {@link SeedRuleSets#PRODUCTS}
     * @throws IllegalStateException    when the index or a file it lists is missing from the
     *                                  classpath, names a file twice or not as {@code *.json}, or a
     *                                  file is not a JSON object
     */
    public static List<SeedScenario> of(String productCode) {
        return of(productCode, SeedScenarios.class.getClassLoader());
    }

    /**
     * One scenario case of a seed product, by its file name, e.g. {@code ("FUNONG",
     * "01-api-example.json")}: for tests that start from a known case. Reads only that file, so it
     * need not be in the index.
     *
     * @throws IllegalArgumentException when {@code productCode} is not a seed product, or
     *                                  {@code fileName} is not a {@code *.json} file name
     * @throws IllegalStateException    when the file is missing from the classpath or is not a JSON object
     */
    public static SeedScenario file(String productCode, String fileName) {
        return file(productCode, fileName, SeedScenarios.class.getClassLoader());
    }

    /** {@link #of(String)} with the resources of the given class loader: the jar case in tests. */
    static List<SeedScenario> of(String productCode, ClassLoader loader) {
        List<SeedScenario> scenarios = new ArrayList<>();
        for (String fileName : fileNames(productCode, loader)) scenarios.add(read(productCode, fileName, loader));
        return List.copyOf(scenarios);
    }

    static SeedScenario file(String productCode, String fileName, ClassLoader loader) {
        requireSeedProduct(productCode);
        if (!isFileName(fileName)) throw new IllegalArgumentException("not a seed scenario file name (*" + SUFFIX + "): " + fileName);
        return read(productCode, fileName, loader);
    }

    /** The file names the product's {@code index.txt} lists, sorted; blank lines are skipped. */
    static List<String> fileNames(String productCode, ClassLoader loader) {
        requireSeedProduct(productCode);
        String index = ROOT + productCode + "/" + INDEX;
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : text(index, loader).split("\\R")) {
            String name = line.strip();
            if (name.isEmpty()) continue;
            if (!isFileName(name)) throw new IllegalStateException(index + " lists " + name + ", not a file name ending in " + SUFFIX);
            if (!seen.add(name)) throw new IllegalStateException(index + " lists " + name + " twice");
            names.add(name);
        }
        names.sort(null);
        return List.copyOf(names);
    }

    private static SeedScenario read(String productCode, String fileName, ClassLoader loader) {
        String resource = ROOT + productCode + "/" + fileName;
        JsonNode json;
        try {
            json = JSON.readTree(text(resource, loader));
        } catch (IOException e) {
            throw new IllegalStateException("seed scenario " + resource + " is not valid JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalStateException("seed scenario " + resource + " is not a JSON object");
        }
        String path = productCode + "/" + fileName;
        return new SeedScenario(productCode, fileName, Scenario.fromJson(path, json), json);
    }

    private static String text(String resource, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("seed scenario resource missing from the classpath: " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read seed scenario resource " + resource, e);
        }
    }

    private static void requireSeedProduct(String productCode) {
        if (SeedRuleSets.product(productCode).isEmpty()) {
            throw new IllegalArgumentException("not a seed product: " + productCode);
        }
    }

    private static boolean isFileName(String name) {
        return name != null && name.endsWith(SUFFIX) && name.length() > SUFFIX.length()
                && !name.contains("/") && !name.contains("\\");
    }
}
