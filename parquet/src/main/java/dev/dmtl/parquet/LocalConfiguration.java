package dev.dmtl.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * The Hadoop configuration of every reader and writer here: no defaults from the classpath, local
 * files.
 */
final class LocalConfiguration {

  private LocalConfiguration() {}

  static Configuration create() {
    // false: no core-default.xml / core-site.xml from the classpath, which could name other file
    // systems
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", LocalFileSystem.class.getName());
    return conf;
  }
}
