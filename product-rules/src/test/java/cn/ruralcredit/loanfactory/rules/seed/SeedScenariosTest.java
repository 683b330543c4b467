package cn.ruralcredit.loanfactory.rules.seed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class SeedScenariosTest {
    /** Cases per seed product. Adding or removing a scenario file changes these on purpose. */
    private static final Map<String, Integer> CASES = Map.of(
            "FUNONG", 53, "FUSHANG", 56, "FUXIN", 45, "FUMIN", 51, "XIANGQING", 46, "XSM_CHUANGYE", 46);

    private static List<String> productCodes() {
        return SeedRuleSets.PRODUCTS.stream().map(SeedProduct::code).toList();
    }

    @Test
    void everySeedProductHasItsSuiteOfExpectedSize() {
        assertEquals(new TreeSet<>(productCodes()), new TreeSet<>(CASES.keySet()));
        Map<String, Integer> found = new LinkedHashMap<>();
        for (String code : productCodes()) found.put(code, SeedScenarios.of(code).size());
        assertTrue(found.values().stream().allMatch(n -> n > 0), "every seed product has cases: " + found);
        assertEquals(new TreeSet<>(CASES.entrySet().stream().map(Map.Entry::toString).toList()),
                new TreeSet<>(found.entrySet().stream().map(Map.Entry::toString).toList()),
                "cases per product (update CASES when adding or removing a scenario file)");
    }

    @Test
    void casesAreSortedByFileNameAndNamedUniquelyWithinAProduct() {
        for (String code : productCodes()) {
            List<SeedScenario> suite = SeedScenarios.of(code);
            List<String> files = suite.stream().map(SeedScenario::fileName).toList();
            assertEquals(files.stream().sorted().toList(), files, code + " in file name order");
            assertEquals(files.size(), new HashSet<>(files).size(), code + " file names are unique");
            Set<String> names = new HashSet<>();
            for (SeedScenario s : suite) {
                assertTrue(names.add(s.scenario().name()), s.path() + " repeats the case name \"" + s.scenario().name() + "\"");
            }
        }
    }

    @Test
    void everyFileIsACaseOfItsProductWithARequestCarryingAsOfDate() {
        for (String code : productCodes()) {
            for (SeedScenario s : SeedScenarios.of(code)) {
                assertEquals(code, s.productCode());
                assertEquals(code + "/" + s.fileName(), s.path());
                assertTrue(s.json().isObject(), s.path());
                assertFalse(s.scenario().name().isBlank(), s.path() + " has a name");
                assertNotNull(s.scenario().request(), s.path() + " has a request");
                assertTrue(s.scenario().request().hasNonNull("asOfDate"), s.path() + " request carries asOfDate");
                assertEquals(code, s.scenario().request().path("productCode").asText(), s.path() + " decides its own product");
                assertNotNull(s.scenario().expected(), s.path() + " has expected fields");
                assertEquals(s.json().get("request"), s.scenario().request(), s.path() + " scenario is read from the whole file");
            }
        }
    }

    /**
     * The index is what the loader reads: it must list exactly the {@code *.json} files of the
     * source folder, sorted, or a new case would be missed by the suite and the service alike.
     * Compares with {@code src/main/resources}, not {@code target/classes}, which may still hold
     * files since deleted.
     */
    @Test
    void eachIndexListsExactlyTheFilesOfItsFolder() throws IOException {
        Path root = Path.of(System.getProperty("basedir", ""), "src/main/resources", SeedScenarios.ROOT);
        assertTrue(Files.isDirectory(root), "seed scenario sources not found at " + root.toAbsolutePath());
        Set<String> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(productCodes()), folders, "one folder per seed product in " + root);
        for (String code : productCodes()) {
            Path folder = root.resolve(code);
            List<String> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(SeedScenarios.INDEX)).sorted().toList();
            }
            for (String f : files) assertTrue(f.endsWith(SeedScenarios.SUFFIX), folder + " holds " + f + ", not a *.json scenario file");
            Path indexFile = folder.resolve(SeedScenarios.INDEX);
            List<String> index = Files.readAllLines(indexFile, StandardCharsets.UTF_8);
            if (!files.equals(index)) {
                fail(indexFile + " must list the folder's *.json files, sorted, one a line."
                        + " Not listed: " + minus(files, index) + "; listed but not in the folder: " + minus(index, files)
                        + ". Write it with `cd " + folder + " && LC_ALL=C ls *.json > index.txt`, and update CASES.");
            }
            assertEquals(files, SeedScenarios.of(code).stream().map(SeedScenario::fileName).toList(), code + " loads every file");
        }
    }

    /** Inside a jar, as in the Quarkus app's {@code lib/main/}: the same code path, from a jar URL. */
    @Test
    void loadsFromAJar(@TempDir Path dir) throws IOException {
        List<SeedScenario> real = SeedScenarios.of("FUNONG").subList(0, 2);
        Path jar = dir.resolve("seed.jar");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        // listed out of order: the loader sorts by file name
        entries.put("seed-scenarios/FUNONG/index.txt",
                (real.get(1).fileName() + "\n\n" + real.get(0).fileName() + "\n").getBytes(StandardCharsets.UTF_8));
        for (SeedScenario s : real) entries.put("seed-scenarios/" + s.path(), resourceBytes("seed-scenarios/" + s.path()));
        writeJar(jar, entries); // no directory entries, as some jar tools write them

        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            URL index = loader.getResource("seed-scenarios/FUNONG/index.txt");
            assertNotNull(index);
            assertEquals("jar", index.getProtocol());
            assertEquals(null, loader.getResource("seed-scenarios/FUNONG/"), "the jar has no directory to list");

            List<SeedScenario> fromJar = SeedScenarios.of("FUNONG", loader);
            assertEquals(real.stream().map(SeedScenario::fileName).toList(), fromJar.stream().map(SeedScenario::fileName).toList());
            for (int i = 0; i < real.size(); i++) {
                assertEquals(real.get(i).json(), fromJar.get(i).json());
                assertEquals(real.get(i).scenario(), fromJar.get(i).scenario());
            }
            assertEquals(real.get(1).json(), SeedScenarios.file("FUNONG", real.get(1).fileName(), loader).json());

            IllegalStateException noIndex = assertThrows(IllegalStateException.class, () -> SeedScenarios.of("FUSHANG", loader));
            assertTrue(noIndex.getMessage().contains("seed-scenarios/FUSHANG/index.txt"), noIndex.getMessage());
        }
    }

    @Test
    void aListedFileMissingFromTheJarIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("broken.jar");
        writeJar(jar, Map.of(
                "seed-scenarios/FUNONG/index.txt", "01-here.json\n02-gone.json\n".getBytes(StandardCharsets.UTF_8),
                "seed-scenarios/FUNONG/01-here.json", resourceBytes("seed-scenarios/FUNONG/01-api-example.json")));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SeedScenarios.of("FUNONG", loader));
            assertTrue(e.getMessage().contains("seed-scenarios/FUNONG/02-gone.json"), e.getMessage());
        }
    }

    @Test
    void indexEntriesMustBeDistinctJsonFileNames(@TempDir Path dir) throws IOException {
        List<String> indexes = List.of("01-a.json\n01-a.json\n", "01-a.json\nREADME.md\n", "../FUSHANG/01-a.json\n");
        for (int i = 0; i < indexes.size(); i++) {
            String index = indexes.get(i);
            Path jar = dir.resolve("index-" + i + ".jar");
            writeJar(jar, Map.of("seed-scenarios/FUNONG/index.txt", index.getBytes(StandardCharsets.UTF_8)));
            try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
                assertThrows(IllegalStateException.class, () -> SeedScenarios.fileNames("FUNONG", loader), index);
            }
        }
    }

    @Test
    void onlySeedProductsHaveSeedScenarios() {
        assertThrows(IllegalArgumentException.class, () -> SeedScenarios.of("NO_SUCH_PRODUCT"));
        assertThrows(IllegalArgumentException.class, () -> SeedScenarios.file("FUNONG", "../FUSHANG/01-x.json"));
    }

    private static List<String> minus(List<String> a, List<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    private static byte[] resourceBytes(String resource) throws IOException {
        try (InputStream in = SeedScenariosTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return in.readAllBytes();
        }
    }

    private static void writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue());
                j.closeEntry();
            }
        }
    }
}
