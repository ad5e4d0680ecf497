package dev.runway.ui.web;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

/**
 * The fields of the current form post whose names are only known at run time (a template's parameters).
 * Quarkus REST has already parsed the form for the handler's {@code @RestForm} parameters and the CSRF check.
 */
final class FormData {
    private FormData() {
    }

    static String field(String name) {
        var form = CurrentRequestManager.get().getFormData();
        if (form == null) {
            return null;
        }
        FormValue value = form.getFirst(name);
        return value == null ? null : value.getValue();
    }
}
