package io.crmflow.security;

import java.util.List;

/** The Camunda groups crmflow's rights are granted to; group ids double as Spring authorities. */
public final class CrmGroups {

  /** Camunda's own administrators: Cockpit, Admin and the whole engine REST API. */
  public static final String ADMINS = "camunda-admin";
  /**
   * crmflow's application administrators: the /api admin endpoints (audit, personal-data export and
   * erasure). No rights in the engine itself; the admin user is in both groups.
   */
  public static final String CRM_ADMINS = "crm-admins";
  public static final String SALES = "sales";
  public static final String SALES_MANAGERS = "sales-managers";
  public static final String SALES_DIRECTORS = "sales-directors";
  public static final String SUPPORT = "support";
  public static final String SUPPORT_LEADS = "support-leads";
  /** Other systems (web forms, a CRM): they may submit leads and nothing else. */
  public static final String CRM_INTEGRATION = "crm-integration";

  /** People who work in Tasklist and may use the engine's REST API under their Camunda authorizations. */
  static final List<String> STAFF = List.of(ADMINS, SALES, SALES_MANAGERS, SALES_DIRECTORS, SUPPORT, SUPPORT_LEADS);

  /** Groups that work user tasks in Tasklist. */
  static final List<String> TASK_WORKERS = List.of(SALES, SALES_MANAGERS, SALES_DIRECTORS, SUPPORT, SUPPORT_LEADS);

  // Who may read each kind of record: the same groups through /api, in the workspace (/app) and in
  // the contact view's sections, so a record type is readable in one place exactly when in all.

  public static final List<String> LEAD_READERS = List.of(SALES, SALES_MANAGERS, ADMINS);
  public static final List<String> OPPORTUNITY_READERS = List.of(SALES, SALES_MANAGERS, ADMINS);
  public static final List<String> QUOTE_READERS = List.of(SALES, SALES_MANAGERS, SALES_DIRECTORS, ADMINS);
  public static final List<String> CASE_READERS = List.of(SUPPORT, SUPPORT_LEADS, ADMINS);
  /** A contact shows each of these the sections of it their group may read. */
  public static final List<String> CONTACT_READERS = List.of(SALES, SALES_MANAGERS, SALES_DIRECTORS, SUPPORT,
      SUPPORT_LEADS, ADMINS);
  /** Workflow metrics and the dashboard that charts them. */
  public static final List<String> METRICS_READERS = List.of(SALES_MANAGERS, SALES_DIRECTORS, SUPPORT_LEADS, ADMINS);

  /** Every group crmflow creates. */
  public static final List<String> ALL = List.of(ADMINS, CRM_ADMINS, SALES, SALES_MANAGERS, SALES_DIRECTORS, SUPPORT,
      SUPPORT_LEADS, CRM_INTEGRATION);

  private CrmGroups() {
  }
}
