package dev.conveyor.bench;

import dev.conveyor.bench.ApiSubmitter.Submission;
import dev.conveyor.bench.JobStoreReader.JobRow;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Each benchmark mode against Conveyor, driven only through its REST API. */
final class ConveyorModes {

    private static final String SYSTEM = "conveyor";

    private final ConveyorUnderTest conveyor;
    private final JobStoreReader reader;
    private final ApiSubmitter submitter;
    private final BenchOptions options;
    private final long timeoutMillis;

    ConveyorModes(ConveyorUnderTest conveyor, JobStoreReader reader, BenchOptions options) {
        this.conveyor = conveyor;
        this.reader = reader;
        this.options = options;
        this.submitter = new ApiSubmitter(conveyor.apiPort(), conveyor.apiKey(), options.clients(), options.modeTimeoutSeconds());
        this.timeoutMillis = options.modeTimeoutSeconds() * 1000;
    }

    /** C clients each POSTing one job at a time while the workers run. */
    ModeResult live(String mode, int jobs) throws Exception {
        return live(mode, jobs, options.clients());
    }

    /** The same with {@code clients} clients (a warm-up's). */
    ModeResult live(String mode, int jobs, int clients) throws Exception {
        String tenant = "bench-" + mode;
        String workers = conveyor.startWorkers(options.workers());
        try {
            Submission submission = submitter.oneByOne(tenant, jobs, clients);
            return liveResult(mode, "%d clients, one POST /api/v1/jobs each at a time, %s".formatted(clients,
                    workers), tenant, submission);
        } finally {
            conveyor.stopWorkers();
        }
    }

    /** The same through the bulk endpoint; skipped with a note where the endpoint does not exist. */
    ModeResult bulk(String mode, int jobs) throws Exception {
        String tenant = "bench-" + mode;
        String workers = conveyor.startWorkers(options.workers());
        try {
            Submission submission = submitter.inBatches(tenant, jobs, options.batchSize());
            if (submission.bulkUnsupported() && submission.ids().isEmpty()) {
                return ModeResult.skipped(SYSTEM, mode, "POST /api/v1/jobs/batch answered 404/405: not available");
            }
            return liveResult(mode, "%d clients, POST /api/v1/jobs/batch with %d jobs each, %s".formatted(
                    options.clients(), options.batchSize(), workers), tenant, submission);
        } finally {
            conveyor.stopWorkers();
        }
    }

    /** Open loop at a fixed rate (half of the measured peak): is latency low when not saturated? */
    ModeResult paced(double perSecond, int jobs) throws Exception {
        String tenant = "bench-half-peak";
        String workers = conveyor.startWorkers(options.workers());
        try {
            Submission submission = submitter.paced(tenant, jobs, perSecond);
            ModeResult result = liveResult("half-peak", "open loop at %.0f jobs/s offered, %d clients, %s".formatted(
                    perSecond, options.clients(), workers), tenant, submission);
            result.notes().add("offered %.0f jobs/s, accepted %.0f jobs/s".formatted(perSecond,
                    submission.acceptedPerSecond()));
            return result;
        } finally {
            conveyor.stopWorkers();
        }
    }

    /**
     * Stores {@code jobs} while no worker runs (dispatched to Kafka, waiting there), then starts
     * {@code processes} workers (0: one in this JVM) and measures the drain.
     */
    ModeResult backlog(String mode, int jobs, int processes) throws Exception {
        String tenant = "bench-" + mode;
        List<String> notes = new ArrayList<>();
        Submission submission = storeBacklog(tenant, jobs, notes);
        long stillSubmitted = reader.awaitDispatched(tenant, timeoutMillis);
        if (stillSubmitted > 0) {
            notes.add(stillSubmitted + " jobs still SUBMITTED when the workers started");
        }
        Instant launched = Instant.now();
        String workers = conveyor.startWorkers(processes);
        Instant ready = Instant.now();
        try {
            reader.awaitFinished(tenant, submission.ids().size(), timeoutMillis);
        } finally {
            conveyor.stopWorkers();
        }
        Map<String, JobRow> rows = reader.jobs(tenant);
        List<JobRow> finished = finished(submission.ids(), rows);
        Instant firstStart = finished.stream().map(JobRow::started).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(ready);
        Instant lastFinish = finished.stream().map(JobRow::finished).max(Instant::compareTo).orElse(firstStart);
        notes.add("workers launched to ready: %.1f s; launched to last finish: %.1f s".formatted(
                seconds(launched, ready), seconds(launched, lastFinish)));
        if (processes > 1) {
            notes.addAll(sharesNotes(tenant, finished, lastFinish));
        }
        notes.addAll(submissionNotes(submission));
        return result(mode, "backlog of %d stored with no worker running, then %s".formatted(jobs, workers),
                submission, rows, finished, firstStart, lastFinish, notes);
    }

    private Submission storeBacklog(String tenant, int jobs, List<String> notes) throws InterruptedException {
        Submission submission = submitter.inBatches(tenant, jobs, options.batchSize());
        if (submission.bulkUnsupported()) {
            Submission bulkPart = submission;
            Submission single = submitter.oneByOne(tenant, jobs - bulkPart.ids().size());
            List<String> ids = new ArrayList<>(bulkPart.ids());
            ids.addAll(single.ids());
            notes.add("backlog stored with single POSTs (bulk endpoint not available) at %.0f jobs/s".formatted(
                    single.acceptedPerSecond()));
            return new Submission(ids, single.firstSend(), single.lastAccepted(), single.rejected(),
                    single.firstProblem(), true, single.timedOut(), single.clientCpuNanos(), single.wallNanos(),
                    single.requests());
        }
        notes.add("backlog stored through POST /api/v1/jobs/batch at %.0f jobs/s".formatted(
                submission.acceptedPerSecond()));
        return submission;
    }

    private ModeResult liveResult(String mode, String description, String tenant, Submission submission)
            throws SQLException, InterruptedException {
        reader.awaitFinished(tenant, submission.ids().size(), timeoutMillis);
        Map<String, JobRow> rows = reader.jobs(tenant);
        List<JobRow> finished = finished(submission.ids(), rows);
        Instant lastFinish = finished.stream().map(JobRow::finished).max(Instant::compareTo)
                .orElse(submission.lastAccepted());
        List<String> notes = submissionNotes(submission);
        notes.add("accepted %.0f jobs/s; client CPU %.1f%% of the machine, %.0f us per request".formatted(
                submission.acceptedPerSecond(), 100 * submission.clientCpuShare(),
                submission.clientCpuMicrosPerRequest()));
        ModeResult result = result(mode, description, submission, rows, finished, submission.firstSend(), lastFinish,
                notes);
        return result;
    }

    private ModeResult result(String mode, String description, Submission submission, Map<String, JobRow> rows,
            List<JobRow> finished, Instant from, Instant to, List<String> notes) {
        long[] toStart = new long[finished.size()];
        long[] toFinish = new long[finished.size()];
        for (int i = 0; i < finished.size(); i++) {
            JobRow job = finished.get(i);
            toStart[i] = micros(job.created(), job.started());
            toFinish[i] = micros(job.created(), job.finished());
        }
        double window = seconds(from, to);
        double rate = window > 0 ? finished.size() / window : 0;
        ModeResult.Integrity integrity = JobStoreReader.check(submission.ids(), rows);
        if (finished.size() < submission.ids().size()) {
            notes.add("INCOMPLETE: %d of %d finished within --mode-timeout %d s".formatted(finished.size(),
                    submission.ids().size(), options.modeTimeoutSeconds()));
        }
        return new ModeResult(SYSTEM, mode, description, submission.ids().size(), finished.size(), window, rate,
                rate > 0 ? 1e6 / rate : 0, Percentiles.ofMicros(toStart), Percentiles.ofMicros(toFinish), integrity,
                submission.acceptedPerSecond(), submission.clientCpuShare(), submission.clientCpuMicrosPerRequest(),
                notes);
    }

    /**
     * Workers launched together still become ready at different times: besides the whole drain,
     * the rate once every worker had taken its first job.
     */
    private List<String> sharesNotes(String tenant, List<JobRow> finished, Instant lastFinish) throws SQLException {
        List<JobStoreReader.WorkerShare> shares = reader.shares(tenant);
        List<String> notes = new ArrayList<>();
        notes.add("jobs per worker: " + String.join(", ", shares.stream()
                .map(share -> share.worker() + " " + share.jobs()).toList()));
        Instant allBusy = shares.stream().map(JobStoreReader.WorkerShare::firstStart).max(Instant::compareTo)
                .orElse(lastFinish);
        long after = finished.stream().filter(job -> !job.finished().isBefore(allBusy)).count();
        double window = seconds(allBusy, lastFinish);
        if (window > 0) {
            notes.add("with all %d workers busy: %d jobs in %.2f s = %.0f jobs/s".formatted(shares.size(), after,
                    window, after / window));
        }
        return notes;
    }

    private static List<String> submissionNotes(Submission submission) {
        List<String> notes = new ArrayList<>();
        if (submission.rejected() > 0) {
            notes.add("%d jobs not accepted; first problem: %s".formatted(submission.rejected(),
                    submission.firstProblem()));
        }
        if (submission.timedOut()) {
            notes.add("submission stopped at --mode-timeout after %d jobs".formatted(submission.ids().size()));
        }
        return notes;
    }

    private static List<JobRow> finished(List<String> ids, Map<String, JobRow> rows) {
        List<JobRow> finished = new ArrayList<>(ids.size());
        for (String id : ids) {
            JobRow job = rows.get(id);
            if (job != null && job.finished() != null && job.started() != null) {
                finished.add(job);
            }
        }
        return finished;
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1000;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
