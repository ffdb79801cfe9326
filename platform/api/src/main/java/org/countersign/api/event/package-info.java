@Export
@Version("1.2.0")
package org.countersign.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
