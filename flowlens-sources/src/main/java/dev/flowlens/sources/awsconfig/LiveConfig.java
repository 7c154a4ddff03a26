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
import java.util.Locale;
import java.util.function.Function;
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
    /** Items asked for per page: EC2's largest page for these calls. */
    private static final int PAGE = 1000;

    /**
     * The describe calls, in the order {@link #fetch} answers them. The EC2 key ({@code
     * SecurityGroups}) and the file {@link #save} writes ({@code security-groups.json}) are spelled
     * from the constant's name.
     */
    private enum Describe {
        SECURITY_GROUPS(ec2 ->
                ec2.describeSecurityGroupsPaginator(r -> r.maxResults(PAGE)).securityGroups()),
        NETWORK_ACLS(
                ec2 -> ec2.describeNetworkAclsPaginator(r -> r.maxResults(PAGE)).networkAcls()),
        NETWORK_INTERFACES(ec2 ->
                ec2.describeNetworkInterfacesPaginator(r -> r.maxResults(PAGE)).networkInterfaces()),
        FLOW_LOGS(ec2 -> ec2.describeFlowLogsPaginator(r -> r.maxResults(PAGE)).flowLogs());

        private final Function<Ec2Client, SdkIterable<? extends SdkPojo>> pages;

        Describe(Function<Ec2Client, SdkIterable<? extends SdkPojo>> pages) {
            this.pages = pages;
        }

        /** {@code SecurityGroups}, as EC2 names the list in its answer. */
        String key() {
            StringBuilder b = new StringBuilder();
            for (String word : name().split("_")) {
                b.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
            return b.toString();
        }

        /** {@code security-groups.json}. */
        String file() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-') + ".json";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Ec2Client ec2;
    private final AwsClientConfig config;

    public LiveConfig(AwsClientConfig config) {
        this.config = config;
        AwsCredentialsProvider credentials = config.credentials();
        config.checkCredentials(credentials);
        this.ec2 = config.configure(Ec2Client.builder(), credentials, List.of()).build();
    }

    /** The four describe answers: security groups, network ACLs, network interfaces and flow logs. */
    public List<AwsConfigReader.Document> fetch() {
        List<AwsConfigReader.Document> out = new ArrayList<>();
        for (Describe d : Describe.values()) {
            out.add(describe(d));
        }
        return out;
    }

    /** The configuration, fetched live. */
    public NetworkConfig read() {
        return new AwsConfigReader().read(fetch());
    }

    /** Writes the answers of {@link #fetch} to {@code dir}, a file each ({@code security-groups.json}, ...), for {@code --config DIR}. */
    public static List<Path> save(List<AwsConfigReader.Document> documents, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < documents.size(); i++) {
                Path f = dir.resolve(Describe.values()[i].file());
                JSON.writeValue(f.toFile(), documents.get(i).root());
                written.add(f);
            }
        } catch (IOException e) {
            throw new FlowlensException(
                    ErrorCode.PATH_UNREADABLE, "cannot write the configuration to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** The answer of {@code ec2:Describe<key>}: every page, under the key as EC2 answers. */
    private AwsConfigReader.Document describe(Describe d) {
        String action = "ec2:Describe" + d.key();
        try {
            return new AwsConfigReader.Document(
                    action, SdkJson.answer(d.key(), d.pages.apply(ec2).stream().toList()));
        } catch (SdkException e) {
            throw AwsFailures.of(action + " in " + config.clientRegion(), action, e, config.maxAttempts());
        }
    }

    @Override
    public void close() {
        ec2.close();
    }
}
