package dev.runway.provisioning.domain;

public enum RequestKind {
    ENVIRONMENT, DATABASE
}
