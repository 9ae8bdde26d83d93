package io.g2lstm.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** A Hadoop {@link Configuration} that travels to executors, so tasks can open files on HDFS, S3 or local disk. */
public final class HadoopConf implements Serializable {

  private transient Configuration configuration;

  public HadoopConf(Configuration configuration) {
    this.configuration = configuration;
  }

  public Configuration get() {
    return configuration;
  }

  /** Opens a file through the file system its path names. */
  public java.io.InputStream open(String file) throws IOException {
    Path path = new Path(file);
    return path.getFileSystem(configuration).open(path);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    configuration.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    configuration = new Configuration(false);
    configuration.readFields(in);
  }
}
