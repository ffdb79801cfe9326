package org.countersign.store.sqlite.internal;

import org.countersign.api.config.InstanceConfig;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The keys of the instance configuration the SQLite store reads; {@code a_b()} reads the key {@code a.b}. */
@ObjectClassDefinition(pid = InstanceConfig.PID, name = "Countersign SQLite store",
        description = "The embedded database")
public @interface SqliteConfiguration {

    @AttributeDefinition(description = "The installation folder; set by the launcher, relative paths resolve against it")
    String home() default ".";

    @AttributeDefinition(description = "Where the instance keeps its data (the database by default)")
    String data_dir() default "data";

    @AttributeDefinition(description = "The storage backend; this store serves sqlite")
    String storage() default "sqlite";

    @AttributeDefinition(required = false, description = "The SQLite database file (default countersign.db in data.dir)")
    String sqlite_path() default "";

    @AttributeDefinition(description = "FULL: an acknowledged change survives power loss; NORMAL or OFF trade that for speed",
            options = {@Option(value = "FULL", label = "FULL"), @Option(value = "NORMAL", label = "NORMAL"),
                    @Option(value = "OFF", label = "OFF")})
    String sqlite_synchronous() default "FULL";
}
