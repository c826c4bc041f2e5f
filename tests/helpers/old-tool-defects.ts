// The contract's §9 ("What the old tool got wrong") and the seed page's other mistakes, each with
// the fixture vault that pins it (tests/fixtures/<name>, expected pages derived by hand): run
// through the CLI process (tests/cli/old-tool-defects.test.ts) and the plugin (tests/plugin/…).
export const OLD_TOOL_DEFECTS: ReadonlyArray<readonly [defect: string, fixture: string]> = [
  ["last_contact: unknown while dated notes exist", "defect-last-contact"],
  ["undated notes listed first", "defect-undated-first"],
  ["Oct 22nd, 2025 and 2025-10 - … not read as dates", "defect-roam-and-month-dates"],
  ["summaries cut mid-word", "defect-summary-cut"],
  ["a colleague's unrelated 1:1s and another account's facts", "defect-colleague-and-other-account"],
  ["the same person twice under two names", "defect-alias-duplicates"],
  ["empty Role and Company cells", "defect-empty-role-company"],
  ["no way to tell where a fact came from", "defect-source-links"],
  ["ticking a task on the page lost at the next run", "defect-writeback"],
  // In the seed page, not in §9's list: `(via Microsoft)`, a customer page as the entity.
  ["a customer page as a via note's entity", "relation-direct-and-via"],
  // In the seed page: Jason Vallery (the user) in Collaborators; Key Contacts and Collaborators in no order.
  ["the user in Collaborators; people out of order", "relation-people-order"],
];
