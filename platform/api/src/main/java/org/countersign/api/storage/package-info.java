@Export
@Version("2.1.0")
package org.countersign.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
