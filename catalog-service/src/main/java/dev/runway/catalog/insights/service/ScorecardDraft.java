package dev.runway.catalog.insights.service;

import java.util.List;

import dev.runway.catalog.insights.scorecard.ScorecardRule;

/** A scorecard definition to store under an id: kinds by their wire names, rules with distinct ids. */
public record ScorecardDraft(String title, String description, List<String> appliesTo, List<ScorecardRule> rules) {
}
