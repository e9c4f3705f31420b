package dev.conveyor.frontend.manifest;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No manifest with this id for this tenant (another tenant's manifest is reported the same way). */
class ManifestNotFoundException extends ErrorResponseException {

    ManifestNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No manifest " + id), null);
    }
}
