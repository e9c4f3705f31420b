package dev.conveyor.frontend.security;

import java.util.List;
import java.util.Map;

/** A request body that submits jobs, so the {@code sql} role can be checked on each before anything is stored. */
public interface SubmittedJobs {

    /** Each job of the request with the field its problems are reported under. */
    List<SubmittedJob> submittedJobs();

    /**
     * @param field where the job's type is in the request ({@code type}, {@code jobs[3].type}, {@code jobs[load].type})
     */
    record SubmittedJob(String field, String type, Map<String, Object> params) {
    }
}
