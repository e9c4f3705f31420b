package dev.conveyor.scheduler.trigger;

import dev.conveyor.common.files.FilesDirectory;
import dev.conveyor.store.Schedule;
import dev.conveyor.store.TriggerTemplate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The check the API makes on a submitted job's paths, made again on a trigger's work once its placeholders are
 * replaced: a {@code load} source or {@code export} path must stay inside the files directory. The API checked the
 * template with the placeholders in it; this checks what the job will really read or write.
 */
final class WorkPaths {

    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*", Pattern.DOTALL);

    private final FilesDirectory files;

    WorkPaths(FilesDirectory files) {
        this.files = files;
    }

    /** Why the resolved work may not start, or empty when every path stays inside the files directory. */
    Optional<String> refusal(Schedule.Kind kind, java.util.Map<String, Object> resolved) {
        for (TriggerTemplate.JobParams job : TriggerTemplate.jobs(kind, resolved)) {
            String key = switch (job.type() == null ? "" : job.type()) {
                case "load" -> "source";
                case "export" -> "path";
                default -> null;
            };
            if (key != null && job.params().get(key) instanceof String path && !isLoadUrl(job.type(), path)) {
                Optional<String> refused = files.refusal(path);
                if (refused.isPresent()) {
                    String where = job.key() == null ? "" : "jobs[" + job.key() + "].";
                    return Optional.of(where + "params." + key + " '" + path + "' " + refused.get());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isLoadUrl(String type, String value) {
        return "load".equals(type) && URL.matcher(value).matches();
    }
}
