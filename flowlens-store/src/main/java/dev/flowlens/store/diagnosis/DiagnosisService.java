package dev.flowlens.store.diagnosis;

import dev.flowlens.core.conversation.Flow;
import dev.flowlens.core.diagnosis.Diagnoser;
import dev.flowlens.core.diagnosis.Diagnosis;
import dev.flowlens.core.diagnosis.DiagnosisRequest;
import dev.flowlens.core.diagnosis.EniAddresses;
import dev.flowlens.core.diagnosis.EniCoverage;
import dev.flowlens.core.rules.NetworkConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.TreeSet;

/** Runs one diagnosis against a workspace: the store's queries, then the core's {@link Diagnoser}. */
public final class DiagnosisService {
    private final DiagnosisStore store;
    private final Diagnoser diagnoser;

    public DiagnosisService(Connection connection, NetworkConfig config, Clock clock) {
        this.store = new DiagnosisStore(connection);
        this.diagnoser = new Diagnoser(config, clock);
    }

    public Diagnosis diagnose(DiagnosisRequest request) throws SQLException {
        List<Flow> candidates = store.candidates(request);
        TreeSet<String> enis = new TreeSet<>();
        for (Flow f : candidates) {
            if (f.eni() != null) {
                enis.add(f.eni());
            }
        }
        EniAddresses learned = store.learnAddresses(enis);
        if (enis.isEmpty()) {
            enis.addAll(store.enisLogging(request));
        }
        List<EniCoverage> coverage = store.coverage(request, enis);
        return diagnoser.diagnose(request, candidates, coverage, store.newestRecordEnd(), learned);
    }
}
