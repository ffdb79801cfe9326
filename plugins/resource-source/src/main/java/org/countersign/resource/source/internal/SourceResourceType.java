package org.countersign.resource.source.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.countersign.api.resource.ResourceType;
import org.osgi.service.component.annotations.Component;

/**
 * A data source (seeds/004): a warehouse or database connection. Ungoverned: changes publish at once.
 * Credentials live under {@code /secrets} and are never returned by the API.
 */
@Component(service = ResourceType.class)
public class SourceResourceType implements ResourceType {

    private final String schema = load("source.schema.json");

    @Override
    public String name() {
        return "source";
    }

    @Override
    public boolean governed() {
        return false;
    }

    @Override
    public List<String> actions() {
        return List.of("preview");
    }

    @Override
    public String configSchema() {
        return schema;
    }

    @Override
    public List<String> approvalRelevantPaths() {
        return List.of("/kind", "/connection", "/secrets");
    }

    @Override
    public List<String> writeOnlyPaths() {
        return List.of("/secrets");
    }

    private static String load(String resource) {
        try (InputStream in = SourceResourceType.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
