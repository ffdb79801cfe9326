/** What the engine, the rules and the stores report as they work, for the bundle that serves {@code /metrics}. */
@Export
@Version("1.0.0")
package org.countersign.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
