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

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === "string");
}

function positiveInt(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined;
}

/**
 * Settings from stored JSON (the plugin's data.json), over the defaults. Unknown keys and values
 * of the wrong type are ignored with a warning, so a hand-edited file never stops the tool.
 */
/**
 * A folder as typed (`Clients/`, ` /Clients `, `Clients\Sub`): trimmed, `\` read as `/`, no doubled
 * `/` and none at either end, NFC — Obsidian's normalizePath, then without the slashes at the ends.
 */
export function normaliseFolder(v: string): string {
  return v
    .trim()
    .replace(/[\\/]+/g, "/")
    .replace(/^\/|\/$/g, "")
    .normalize("NFC");
}

export function mergeSettings(raw: unknown): { settings: Settings; warnings: string[] } {
  const warnings: string[] = [];
  const s: Settings = structuredClone(DEFAULT_SETTINGS);
  if (raw === undefined || raw === null) return { settings: s, warnings };
  if (!isRecord(raw)) return { settings: s, warnings: ["settings are not a JSON object; using the defaults"] };
  const bad = (key: string): void => {
    warnings.push(`setting "${key}" has the wrong type; using the default`);
  };
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case "folders":
        if (!isRecord(value)) bad(key);
        else
          for (const k of ["customers", "people", "projects", "meetings"] as const) {
            const v = value[k];
            if (typeof v === "string" && normaliseFolder(v) !== "") s.folders[k] = normaliseFolder(v);
            else if (v !== undefined) bad(`folders.${k}`);
          }
        break;
      case "excludedFolders":
      case "ignoredPeople":
      case "accountStatusKeys": {
        const list = stringList(value);
        if (list) s[key] = list;
        else bad(key);
        break;
      }
      case "sectionNames":
        if (!isRecord(value)) bad(key);
        else
          for (const id of SECTION_IDS) {
            const v = value[id];
            if (typeof v === "string" && v.trim() !== "") s.sectionNames[id] = v.trim();
            else if (v !== undefined) bad(`sectionNames.${id}`);
          }
        break;
      case "managedSections":
        if (!isRecord(value)) bad(key);
        else
          for (const id of SECTION_IDS) {
            const v = value[id];
            if (typeof v === "boolean") s.managedSections[id] = v;
            else if (v !== undefined) bad(`managedSections.${id}`);
          }
        break;
      case "limits":
        if (!isRecord(value)) bad(key);
        else
          for (const k of Object.keys(s.limits) as Array<keyof Limits>) {
            const v = positiveInt(value[k]);
            if (v !== undefined) s.limits[k] = v;
            else if (value[k] !== undefined) bad(`limits.${k}`);
          }
        break;
      case "sourceLinks":
      case "mentions":
      case "openTasksAsCheckboxes":
      case "refreshOnSave":
        if (typeof value === "boolean") s[key] = value;
        else bad(key);
        break;
      case "refreshDelaySeconds":
      case "staleDays": {
        const v = typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
        if (v !== undefined) s[key] = v;
        else bad(key);
        break;
      }
      default:
        warnings.push(`unknown setting "${key}" ignored`);
    }
  }
  return { settings: s, warnings };
}
