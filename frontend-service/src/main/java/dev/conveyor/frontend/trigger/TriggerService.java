package dev.conveyor.frontend.trigger;

import dev.conveyor.common.files.FilesDirectory;
import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.frontend.schedule.WorkTemplateChecks;
import dev.conveyor.frontend.security.WarehouseFilesProperties;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.store.FileTrigger;
import dev.conveyor.store.Schedule;
import dev.conveyor.store.TriggerStore;
import dev.conveyor.store.TriggerTemplate;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Creates, pauses, resumes and deletes triggers. The watched directory must stay inside the files directory; the
 * template is checked by the same code as {@code POST /api/v1/jobs} or {@code /manifests} (the submission policy
 * has already checked its paths with the placeholders in them; the scheduler checks them again once replaced).
 */
@Service
class TriggerService {

    static final String DEFAULT_GLOB = "*";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{trigger\\.[^}]*}");
    private static final List<String> KNOWN = List.of(TriggerTemplate.PATH, TriggerTemplate.NAME,
            TriggerTemplate.SIZE);

    private final WorkTemplateChecks templates;
    private final TriggerStore store;
    private final FilesDirectory files;

    TriggerService(WorkTemplateChecks templates, TriggerStore store,
            WarehouseFilesProperties warehouse) {
        this.templates = templates;
        this.store = store;
        this.files = FilesDirectory.of(warehouse.filesDirectory());
    }

    FileTrigger create(String tenant, CreateTriggerRequest request) {
        if ((request.job() == null) == (request.manifest() == null)) {
            throw new InvalidRequestException("job", "give exactly one of job and manifest");
        }
        if (request.job() != null && request.job().runAt() != null) {
            throw new InvalidRequestException("job.runAt", "is not used by a trigger: each new file starts the job");
        }
        String watchPath = watchPath(request.watch().path());
        String glob = glob(request.watch().glob());
        WorkTemplateChecks.CheckedTemplate checked = templates.check(request.job(), request.manifest());
        Schedule.Kind kind = checked.kind();
        Map<String, Object> template = checked.template();
        unknownPlaceholder(kind, template);
        FileTrigger trigger = new FileTrigger(TimeOrderedIds.next(), tenant, request.name(), watchPath, glob, kind,
                template, Boolean.TRUE.equals(request.paused()), null, null, 0);
        try {
            return store.insert(trigger);
        } catch (DuplicateKeyException taken) {
            throw TriggerRejectedException.conflict("name", "this tenant already has a trigger named '"
                    + request.name() + "'");
        }
    }

    void setPaused(String tenant, UUID id, boolean paused) {
        store.setPaused(id, tenant, paused).orElseThrow(() -> new TriggerNotFoundException(id));
    }

    void delete(String tenant, UUID id) {
        if (!store.delete(id, tenant)) {
            throw new TriggerNotFoundException(id);
        }
    }

    /**
     * A {@code ${trigger.*}} the scanner would not replace is a mistake (a typo would reach the job as it is
     * written): refused, naming the param.
     */
    private static void unknownPlaceholder(Schedule.Kind kind, Map<String, Object> template) {
        for (TriggerTemplate.JobParams job : TriggerTemplate.jobs(kind, template)) {
            String prefix = kind == Schedule.Kind.JOB ? "job.params." : "manifest.jobs[" + job.key() + "].params.";
            job.params().forEach((name, value) -> {
                Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(value));
                while (placeholder.find()) {
                    if (!KNOWN.contains(placeholder.group())) {
                        throw TriggerRejectedException.invalid(prefix + name, "'" + placeholder.group()
                                + "' is not a trigger placeholder: use " + String.join(", ", KNOWN));
                    }
                }
            });
        }
    }

    /** The directory as the scanner reads it: relative to the files directory, normalized, {@code /} separated. */
    private String watchPath(String path) {
        // first, as it also refuses what is no path at all (a NUL character)
        files.refusal(path).ifPresent(reason -> {
            throw TriggerRejectedException.invalid("watch.path", reason);
        });
        if (Path.of(path).isAbsolute()) {
            throw TriggerRejectedException.invalid("watch.path", "must be relative to the files directory");
        }
        Path relative = files.root().relativize(files.root().resolve(path).normalize());
        String normalized = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        return normalized.isEmpty() ? "." : normalized;
    }

    private static String glob(String glob) {
        String pattern = glob == null || glob.isBlank() ? DEFAULT_GLOB : glob;
        if (pattern.contains("/")) {
            throw TriggerRejectedException.invalid("watch.glob", "matches file names only: no '/'");
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw TriggerRejectedException.invalid("watch.glob", "is not a glob: " + e.getMessage());
        }
        return pattern;
    }
}
