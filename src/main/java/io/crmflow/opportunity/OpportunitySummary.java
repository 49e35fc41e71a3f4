package io.crmflow.opportunity;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** An opportunity as lists show it: with the name and company of the person it is with. */
public record OpportunitySummary(@JsonUnwrapped Opportunity opportunity, String name, String company) {
}
