// Every default of the spec, in one object that the plugin stores as its data.json and the CLI
// reads from the same file, so that both produce the same pages from the same vault.

export const SECTION_IDS = [
  "recentContext",
  "keyFacts",
  "topics",
  "openTasks",
  "accountStatus",
  "keyContacts",
  "opportunities",
  "blockers",
  "keyDecisions",
  "collaborators",
  "relatedPeople",
] as const;

export type SectionId = (typeof SECTION_IDS)[number];

export const DEFAULT_SECTION_NAMES: Record<SectionId, string> = {
  recentContext: "Recent Context",
  keyFacts: "Key Facts",
  topics: "Topics",
  openTasks: "Open Tasks",
  accountStatus: "Account Status",
  keyContacts: "Key Contacts",
  opportunities: "Opportunities",
  blockers: "Blockers",
  keyDecisions: "Key Decisions",
  collaborators: "Collaborators",
  relatedPeople: "Related People",
};

export interface Limits {
  recentContext: number;
  keyFacts: number;
  topics: number;
  opportunities: number;
  keyDecisions: number;
}

export interface Settings {
  /** Top-level folder names that give a note its kind (§2 rule 3). */
  folders: { customers: string; people: string; projects: string; meetings: string };
  /** Vault-relative folders whose notes are not read (still link targets). */
  excludedFolders: string[];
  sectionNames: Record<SectionId, string>;
  /** Sections that are regenerated; the others are left as the user wrote them. */
  managedSections: Record<SectionId, boolean>;
  limits: Limits;
  /** ` ([[source]])` after harvested items. */
  sourceLinks: boolean;
  /** Plain-text mentions of a customer's name relate a note (§5). */
  mentions: boolean;
  /** People left out of Collaborators and Related People (the user themself). */
  ignoredPeople: string[];
  /** Open Tasks as `- [ ]` checkboxes (write-back works) or as plain items. */
  openTasksAsCheckboxes: boolean;
  /** Frontmatter keys shown in Account Status, in order. */
  accountStatusKeys: string[];
  /** Plugin only. */
  refreshOnSave: boolean;
  refreshDelaySeconds: number;
  staleDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  folders: { customers: "Customers", people: "People", projects: "Projects", meetings: "Meetings" },
  excludedFolders: [],
  sectionNames: { ...DEFAULT_SECTION_NAMES },
  managedSections: Object.fromEntries(SECTION_IDS.map((id) => [id, true])) as Record<SectionId, boolean>,
  limits: { recentContext: 15, keyFacts: 10, topics: 20, opportunities: 10, keyDecisions: 10 },
  sourceLinks: true,
  mentions: true,
  ignoredPeople: [],
  openTasksAsCheckboxes: true,
  accountStatusKeys: ["status", "industry", "tier", "owner", "stage", "renewal"],
  refreshOnSave: true,
  refreshDelaySeconds: 2,
  staleDays: 30,
};
