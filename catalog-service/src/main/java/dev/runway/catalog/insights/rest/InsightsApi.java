package dev.runway.catalog.insights.rest;

/** The OpenAPI tag the insights resources share, declared once so that its description cannot differ among them. */
final class InsightsApi {
    static final String TAG = "insights";
    static final String DESCRIPTION = "Deployments, incidents, DORA metrics and scorecards, from the same catalog data";

    private InsightsApi() {
    }
}
