@Export
@Version("3.0.0")
package org.countersign.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
