@Export
@Version("2.0.0")
package org.countersign.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
