@Export
@Version("1.0.0")
package org.countersign.api.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
