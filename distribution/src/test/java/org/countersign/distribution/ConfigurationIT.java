package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The instance configuration as an operator meets it: every key the bundles read is described (type, default)
 * by the bundle that reads it, the README's table and the shipped properties file name exactly those keys, and
 * a malformed value stops the server with its key named before any part of it uses the value.
 */
class ConfigurationIT {

    private static final String PID = "org.countersign";
    /** Set by the launcher from where it runs, never configured. */
    private static final Set<String> SET_BY_THE_LAUNCHER = Set.of("home");
    private static final Path DISTRIBUTION = Path.of(System.getProperty("countersign.distribution", "target/countersign"));

    @TempDir
    Path dir;

    /** One key as a bundle describes it. */
    private record Described(String bundle, String key, String type, String defaultValue) {
    }

    @Test
    void theReadmeTableAndThePropertiesFileNameExactlyTheKeysTheBundlesRead() throws Exception {
        Map<String, List<Described>> described = describedKeys();
        Set<String> configurable = new TreeSet<>(described.keySet());
        configurable.removeAll(SET_BY_THE_LAUNCHER);

        assertThat(readmeTable().keySet()).as("keys in the README's configuration table").isEqualTo(configurable);
        Set<String> inPropertiesFile = propertiesFileKeys();
        assertThat(configurable).as("keys of conf/countersign.properties").containsAll(inPropertiesFile);
        assertThat(inPropertiesFile).contains("http.port", "data.dir", "sqlite.synchronous", "rules.isolation");
    }

    @Test
    void aKeyReadByTwoBundlesHasOneTypeAndOneDefault() throws Exception {
        for (List<Described> readers : describedKeys().values()) {
            assertThat(readers.stream().map(d -> d.type() + " " + d.defaultValue()).distinct())
                    .as("%s as %s describe it", readers.get(0).key(), readers.stream().map(Described::bundle).toList())
                    .hasSize(1);
        }
    }

    @Test
    void theReadmeGivesTheDefaultsTheBundlesUse() throws Exception {
        Map<String, List<Described>> described = describedKeys();
        readmeTable().forEach((key, documented) -> {
            Matcher single = Pattern.compile("`([^`]*)`").matcher(documented);
            String actual = described.get(key).get(0).defaultValue();
            // an empty default is worked out at run time (public.url from the HTTP address): the README says how
            if (documented.matches("`[^`]*`") && !actual.isEmpty()) {
                single.find();
                assertThat(actual).as("default of %s", key).isEqualTo(single.group(1));
            }
        });
    }

    @Test
    void aMalformedValueStopsTheServerWithItsKeyNamedAndAMisspeltKeyIsReported() {
        RunningCountersign server = RunningCountersign.installIn(dir.resolve("bad"))
                .env("COUNTERSIGN_SQLITE_SYNCHRONOUS", "sometimes")
                .env("COUNTERSIGN_NOTIFY_MAX_ATTEMPTS", "ten")
                .env("COUNTERSIGN_SMTP_PROT", "25");
        assertThat(server.startExpectingExit()).isEqualTo(1);
        assertThat(server.log())
                .contains("configuration key sqlite.synchronous must be one of FULL, NORMAL, OFF, not 'sometimes'")
                .contains("configuration key notify.max.attempts must be an integer, not 'ten'")
                .contains("Configuration key smtp.prot is read by no installed bundle: misspelt?");
        assertThat(server.home().resolve("data/countersign.db")).as("nothing ran with the bad values").doesNotExist();
    }

    @Test
    void valuesReachTheBundlesTypedWhateverTheirCaseInTheEnvironment() {
        try (RunningCountersign server = RunningCountersign.installIn(dir.resolve("good"))
                .env("COUNTERSIGN_SQLITE_SYNCHRONOUS", "normal")
                .env("COUNTERSIGN_RULES_TIMEOUT_MS", "250")
                .env("COUNTERSIGN_OIDC_AUTOPROVISION", "true")
                .start()) {
            assertThat(server.log()).contains("SQLite store open at").contains("(synchronous=NORMAL)")
                    .contains("with a 250 ms deadline").doesNotContain("read by no installed bundle");
        }
    }

    /** Every key of the instance configuration that a bundle of the distribution describes, by key. */
    private static Map<String, List<Described>> describedKeys() throws Exception {
        Map<String, List<Described>> keys = new HashMap<>();
        try (Stream<Path> jars = Files.list(DISTRIBUTION.resolve("bundle"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    for (JarEntry entry : Collections.list(file.entries())) {
                        if (entry.getName().startsWith("OSGI-INF/metatype/") && entry.getName().endsWith(".xml")) {
                            try (InputStream in = file.getInputStream(entry)) {
                                describedIn(jar.getFileName().toString(), in).forEach(d ->
                                        keys.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d));
                            }
                        }
                    }
                }
            }
        }
        assertThat(keys).as("bundles describing the instance configuration").isNotEmpty();
        return keys;
    }

    private static List<Described> describedIn(String bundle, InputStream metatype) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(metatype);
        Set<String> designated = new TreeSet<>();
        NodeList designates = document.getElementsByTagName("Designate");
        for (int i = 0; i < designates.getLength(); i++) {
            Element designate = (Element) designates.item(i);
            if (PID.equals(designate.getAttribute("pid"))) {
                designated.add(((Element) designate.getElementsByTagName("Object").item(0)).getAttribute("ocdref"));
            }
        }
        List<Described> keys = new ArrayList<>();
        NodeList ocds = document.getElementsByTagName("OCD");
        for (int i = 0; i < ocds.getLength(); i++) {
            Element ocd = (Element) ocds.item(i);
            if (!designated.contains(ocd.getAttribute("id"))) {
                continue;
            }
            NodeList attributes = ocd.getElementsByTagName("AD");
            for (int j = 0; j < attributes.getLength(); j++) {
                Element ad = (Element) attributes.item(j);
                keys.add(new Described(bundle, ad.getAttribute("id"), ad.getAttribute("type"), ad.getAttribute("default")));
            }
        }
        return keys;
    }

    /** The README's configuration table: each key with its default column (rows may list several keys). */
    private static Map<String, String> readmeTable() throws Exception {
        Map<String, String> keys = new HashMap<>();
        Pattern row = Pattern.compile("^\\| ((?:`[^`]+`(?:, )?)+) \\|\\s*([^|]*?)\\s*\\|");
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("../README.md"))) {
            if (line.startsWith("| key | default | meaning |")) {
                inTable = true;
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            Matcher m = row.matcher(line);
            if (inTable && m.find()) {
                List<String> names = Stream.of(m.group(1).split(", ")).map(k -> k.replace("`", "")).toList();
                String defaults = m.group(2).strip();
                for (String name : names) {
                    keys.put(name, names.size() == 1 ? defaults : "");
                }
            }
        }
        return keys;
    }

    /** Keys set or shown commented out in the shipped {@code conf/countersign.properties}. */
    private static Set<String> propertiesFileKeys() throws Exception {
        Set<String> keys = new TreeSet<>();
        Pattern line = Pattern.compile("^#?([a-z][A-Za-z.]*)=");
        for (String text : Files.readAllLines(DISTRIBUTION.resolve("conf/countersign.properties"))) {
            Matcher m = line.matcher(text);
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }
}
