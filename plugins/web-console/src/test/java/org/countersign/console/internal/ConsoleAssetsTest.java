package org.countersign.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.countersign.api.web.WebResource;
import org.junit.jupiter.api.Test;

/**
 * The console's files as the bundle serves them: the shell for page paths, assets by name, and the rules
 * the page's Content-Security-Policy and the no-build-step choice impose on them (no inline script or
 * style, no markup built from strings, nothing loaded from elsewhere, every import resolvable).
 */
class ConsoleAssetsTest {

    private static final Path WEB = Path.of("src/main/resources/org/countersign/console/internal/web");
    private static final Pattern IMPORT = Pattern.compile("(?:from\\s+|import\\s*\\(\\s*|import\\s+)'([^']+)'");

    private final ConsoleAssets assets = new ConsoleAssets("0123456789ab");

    @Test
    void pagePathsGetTheShellAndAssetsTheirOwnType() {
        for (String page : List.of("/", "/sign-in", "/invite/abc_DEF-123", "/w/growth", "/w/growth/requests/apr_01J",
                "/w/growth/admin/rules", "/inbox")) {
            WebResource shell = assets.resource(page).orElseThrow(() -> new AssertionError(page));
            assertThat(shell.contentType()).startsWith("text/html");
            assertThat(new String(shell.body(), StandardCharsets.UTF_8)).contains("\"/assets/0123456789ab/app.js\"")
                    .doesNotContain("\"/assets/app.js\"");
            assertThat(shell.immutable()).isFalse();
        }
        assertThat(assets.resource("/assets/app.js").orElseThrow().contentType()).startsWith("text/javascript");
        assertThat(assets.resource("/assets/pages/request.js").orElseThrow().contentType()).startsWith("text/javascript");
        assertThat(assets.resource("/assets/console.css").orElseThrow().contentType()).startsWith("text/css");
        assertThat(assets.resource("/assets/logo.svg").orElseThrow().contentType()).startsWith("image/svg+xml");
        assertThat(assets.resource("/assets/missing.js")).isEmpty();
        assertThat(assets.resource("/assets/../index.html")).isEmpty();
        assertThat(assets.resource("/favicon.txt")).isEmpty();
    }

    @Test
    void assetsUnderTheCurrentVersionAreKeptForGoodAndOthersAreRevalidated() {
        WebResource current = assets.resource(assets.assetPath("pages/request.js")).orElseThrow();
        assertThat(current.immutable()).isTrue();
        assertThat(current.body()).isEqualTo(assets.resource("/assets/pages/request.js").orElseThrow().body());
        assertThat(assets.resource("/assets/pages/request.js").orElseThrow().immutable()).isFalse();
        // a page opened before an upgrade asks for the old version: it gets today's file, not to be kept
        WebResource older = assets.resource("/assets/ffffffffffff/pages/request.js").orElseThrow();
        assertThat(older.immutable()).isFalse();
        assertThat(older.body()).isEqualTo(current.body());
        assertThat(assets.resource(assets.assetPath("missing.js"))).isEmpty();
        assertThat(assets.resource("/assets/0123456789ab/../index.html")).isEmpty();
        assertThat(assets.resource("/assets/0123456789ab/")).isEmpty();
    }

    @Test
    void theShellHasNoInlineScriptStyleOrHandlers() throws IOException {
        String html = Files.readString(WEB.resolve("index.html"));
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(html).doesNotContainPattern("\\sstyle\\s*=");
        assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=");
        assertThat(html).doesNotContain("<style");
        Matcher refs = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"").matcher(html);
        int found = 0;
        while (refs.find()) {
            found++;
            assertThat(assets.resource(refs.group(1))).as(refs.group(1)).isPresent();
        }
        assertThat(found).isGreaterThan(2);
    }

    @Test
    void modulesBuildDomSafelyAndImportOnlyTheirOwnFiles() throws IOException {
        List<Path> scripts = files(".js");
        assertThat(scripts).hasSizeGreaterThan(10);
        for (Path script : scripts) {
            String source = Files.readString(script);
            String name = WEB.relativize(script).toString();
            assertThat(source).as(name).doesNotContain("innerHTML").doesNotContain("outerHTML =")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("document.write")
                    .doesNotContainPattern("\\beval\\(").doesNotContain("new Function")
                    .doesNotContainPattern("setAttribute\\(\\s*'style'").doesNotContainPattern("\\.style\\.")
                    .doesNotContainPattern("setAttribute\\(\\s*'on");
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                String specifier = imports.group(1);
                assertThat(specifier).as(name + " imports " + specifier).startsWith(".").endsWith(".js");
                Path target = script.getParent().resolve(specifier).normalize();
                assertThat(target).as(name + " imports " + specifier).exists();
                String served = "/" + WEB.relativize(target).toString().replace('\\', '/');
                assertThat(assets.resource(served)).as(served).isPresent();
            }
        }
    }

    @Test
    void nothingComesFromAnotherOrigin() throws IOException {
        for (Path file : files("")) {
            String text = Files.readString(file);
            String name = WEB.relativize(file).toString();
            assertThat(text).as(name).doesNotContainPattern("(?:src|href)\\s*=\\s*[\"']https?:")
                    .doesNotContainPattern("@import\\s+url\\(\\s*[\"']?https?:")
                    .doesNotContainPattern("url\\(\\s*[\"']?https?:");
            assertThat(text).as(name).doesNotContainPattern("from\\s+'https?:");
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(WEB)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).toList());
        }
    }
}
