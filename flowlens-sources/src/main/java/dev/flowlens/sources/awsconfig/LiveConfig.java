package dev.flowlens.sources.awsconfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowlens.core.error.ErrorCode;
import dev.flowlens.core.error.FlowlensException;
import dev.flowlens.core.rules.NetworkConfig;
import dev.flowlens.sources.aws.AwsClientConfig;
import dev.flowlens.sources.aws.AwsFailures;
import dev.flowlens.sources.aws.SdkJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The security groups, network ACLs, network interfaces and flow logs of an account and region,
 * read live ({@code DescribeSecurityGroups}, {@code DescribeNetworkAcls},
 * {@code DescribeNetworkInterfaces}, {@code DescribeFlowLogs}, every page) into the JSON the AWS
 * CLI prints, so that {@code --config aws}, {@code config fetch --out DIR} and {@code --config DIR}
 * all go through {@link AwsConfigReader}.
 */
public final class LiveConfig implements AutoCloseable {
    /** The files {@link #save} writes, one per describe call. */
    public static final List<String> FILES =
            List.of("security-groups.json", "network-acls.json", "network-interfaces.json", "flow-logs.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Ec2Client ec2;
    private final AwsClientConfig config;

    public LiveConfig(AwsClientConfig config) {
        this.config = config;
        AwsCredentialsProvider credentials = config.credentials();
        config.checkCredentials(credentials);
        this.ec2 = config.configure(Ec2Client.builder(), credentials, List.of()).build();
    }

    /** The four describe answers, in the order of {@link #FILES}. */
    public List<AwsConfigReader.Document> fetch() {
        List<AwsConfigReader.Document> out = new ArrayList<>();
        out.add(describe(
                "SecurityGroups",
                () -> ec2.describeSecurityGroupsPaginator(r -> r.maxResults(1000))
                        .securityGroups()));
        out.add(describe(
                "NetworkAcls",
                () -> ec2.describeNetworkAclsPaginator(r -> r.maxResults(1000)).networkAcls()));
        out.add(describe(
                "NetworkInterfaces",
                () -> ec2.describeNetworkInterfacesPaginator(r -> r.maxResults(1000))
                        .networkInterfaces()));
        out.add(describe(
                "FlowLogs",
                () -> ec2.describeFlowLogsPaginator(r -> r.maxResults(1000)).flowLogs()));
        return out;
    }

    /** The configuration, fetched live. */
    public NetworkConfig read() {
        return new AwsConfigReader().read(fetch());
    }

    /** Writes the answers to {@code dir} as {@link #FILES}, for {@code --config DIR}. */
    public static List<Path> save(List<AwsConfigReader.Document> documents, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < documents.size(); i++) {
                Path f = dir.resolve(FILES.get(i));
                JSON.writeValue(f.toFile(), documents.get(i).root());
                written.add(f);
            }
        } catch (IOException e) {
            throw new FlowlensException(
                    ErrorCode.PATH_UNREADABLE, "cannot write the configuration to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** The answer of {@code ec2:Describe<key>}: every page of {@code pages}, under {@code key} as EC2 answers. */
    private AwsConfigReader.Document describe(String key, Supplier<SdkIterable<? extends SdkPojo>> pages) {
        String action = "ec2:Describe" + key;
        try {
            return new AwsConfigReader.Document(
                    action, SdkJson.answer(key, pages.get().stream().toList()));
        } catch (SdkException e) {
            throw AwsFailures.of(action + " in " + config.clientRegion(), action, e, config.maxAttempts());
        }
    }

    @Override
    public void close() {
        ec2.close();
    }
}
