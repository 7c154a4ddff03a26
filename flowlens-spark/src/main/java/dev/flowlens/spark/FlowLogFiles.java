package dev.flowlens.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A run's flow log files as a Spark data source (DataSource V2): one input partition a slice of
 * files ({@link FileSlices}), read by a {@link SliceReader} into Spark's own rows, with the lake's
 * {@link LakeLayout#writeSchema()}. Options: {@value #SLICES} (the JSON file the driver wrote the
 * slices to), {@value #STAGING} (the run's staging folder) and {@value #FORMAT} (the format of files
 * without a header, absent for the default).
 */
public final class FlowLogFiles implements TableProvider {
    static final String SLICES = "slices";
    static final String STAGING = "staging";
    static final String FORMAT = "format";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A slice of files, the {@code index}-th of its run. */
    record Slice(int index, List<FileTask> files) implements InputPartition {
        private static final long serialVersionUID = 1L;
    }

    /** Writes the slices where {@link #SLICES} names them. */
    static void writeSlices(Path file, List<List<FileTask>> slices, Configuration conf) throws IOException {
        try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
            JSON.writeValue(out, slices);
        }
    }

    private static List<List<FileTask>> readSlices(Path file, Configuration conf) {
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            return JSON.readValue(in, new TypeReference<List<List<FileTask>>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return LakeLayout.writeSchema();
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new Files(new CaseInsensitiveStringMap(properties));
    }

    /** The table of a run's files: read once, as a batch. */
    private record Files(CaseInsensitiveStringMap options) implements SupportsRead, Scan, Batch {
        @Override
        public String name() {
            return "flow log files of " + options.get(STAGING);
        }

        @Override
        @SuppressWarnings("deprecation") // deprecated for columns(), yet abstract in Spark 4.0
        public StructType schema() {
            return LakeLayout.writeSchema();
        }

        @Override
        public Set<TableCapability> capabilities() {
            return Set.of(TableCapability.BATCH_READ);
        }

        @Override
        public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
            return () -> this;
        }

        @Override
        public StructType readSchema() {
            return LakeLayout.writeSchema();
        }

        @Override
        public Batch toBatch() {
            return this;
        }

        @Override
        public InputPartition[] planInputPartitions() {
            Configuration conf = SparkSession.active().sparkContext().hadoopConfiguration();
            List<List<FileTask>> slices = readSlices(new Path(options.get(SLICES)), conf);
            InputPartition[] partitions = new InputPartition[slices.size()];
            for (int i = 0; i < partitions.length; i++) {
                partitions[i] = new Slice(i, slices.get(i));
            }
            return partitions;
        }

        @Override
        public PartitionReaderFactory createReaderFactory() {
            Configuration conf = SparkSession.active().sparkContext().hadoopConfiguration();
            return new Readers(new HadoopConf(conf), options.get(FORMAT), options.get(STAGING));
        }
    }

    /** Makes a slice's reader in its executor. */
    private record Readers(HadoopConf conf, String formatSpec, String staging) implements PartitionReaderFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public PartitionReader<InternalRow> createReader(InputPartition partition) {
            return new SliceReader((Slice) partition, formatSpec, conf, staging);
        }
    }
}
