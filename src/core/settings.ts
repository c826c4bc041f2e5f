// Every default of the spec, in one object that the plugin stores as its data.json and the CLI
// reads from the same file, so that both produce the same pages from the same vault.
import { errorText } from "./text";

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

const KIND_FOLDERS = ["people", "projects", "meetings", "customers"] as const;

function positiveInt(v: unknown): number | undefined {
  // A count written 2.5 is refused, as the settings tab refuses it, rather than taken as 2 unsaid.
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/**
 * Settings from stored JSON (the plugin's data.json), over the defaults. Unknown keys and values
 * of the wrong type are ignored with a warning, so a hand-edited file never stops the tool.
 */
/**
 * A folder as typed (`Clients/`, ` /Clients `, `Clients\Sub`): trimmed, `\` read as `/`, no doubled
 * `/` and none at either end, no-break spaces (U+00A0, U+202F) as plain ones, NFC — Obsidian's
 * normalizePath, then without the slashes at the ends.
 */
export function normaliseFolder(v: string): string {
  return v
    .trim()
    .replace(/[\\/]+/g, "/")
    .replace(/^\/|\/$/g, "")
    .replace(/[\u00A0\u202F]/g, " ")
    .normalize("NFC");
}

/**
 * A deep copy. Settings are JSON data (they are saved as data.json); `structuredClone` would do, but
 * iOS before 15.4 lacks it, and Obsidian's mobile app may run there (as for lookbehinds: bundle test).
 */
export function cloneSettings(s: Settings): Settings {
  return JSON.parse(JSON.stringify(s)) as Settings;
}

/**
 * The warning for a settings file that JSON cannot read (a merge conflict, a file cut short by a
 * crash), as the CLI and the plugin both say it; `outcome` says what is used instead.
 */
export function invalidJsonWarning(error: unknown, outcome: string): string {
  return `settings are not valid JSON (${errorText(error)}); ${outcome}`;
}

export function mergeSettings(raw: unknown): { settings: Settings; warnings: string[] } {
  const warnings: string[] = [];
  const s: Settings = cloneSettings(DEFAULT_SETTINGS);
  if (raw === undefined || raw === null) return { settings: s, warnings };
  if (!isRecord(raw)) return { settings: s, warnings: ["settings are not a JSON object; using the defaults"] };
  const bad = (key: string, value: unknown): void => {
    const why =
      typeof value === "string" && value.trim() === ""
        ? "is empty"
        : typeof value === "number" && Number.isFinite(value) && value < 0
          ? "must be 0 or more"
          : typeof value === "number" && Number.isFinite(value) && key.startsWith("limits.")
            ? "must be a whole number"
            : "has the wrong type";
    warnings.push(`setting "${key}" ${why}; using the default`);
  };
  /** Keys of a nested setting that name nothing (`limits.openTasks`: Open Tasks are never cut). */
  const unknownIn = (key: string, value: Record<string, unknown>, known: readonly string[]): void => {
    for (const k of Object.keys(value)) if (!known.includes(k)) warnings.push(`unknown setting "${key}.${k}" ignored`);
  };
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case "folders":
        if (!isRecord(value)) bad(key, value);
        else {
          unknownIn(key, value, KIND_FOLDERS);
          for (const k of KIND_FOLDERS) {
            const v = value[k];
            if (typeof v === "string" && normaliseFolder(v) !== "") s.folders[k] = normaliseFolder(v);
            // Text that is only slashes (`/`: the vault's root) is of the right type, but no folder.
            else if (typeof v === "string" && v.trim() !== "") warnings.push(`setting "folders.${k}" names no folder (${JSON.stringify(v)}); using the default`);
            else if (v !== undefined) bad(`folders.${k}`, v);
          }
        }
        break;
      case "excludedFolders":
      case "ignoredPeople":
      case "accountStatusKeys": {
        const list = stringList(value);
        if (!list) bad(key, value);
        else {
          if (list.length < (value as unknown[]).length) warnings.push(`setting "${key}" holds entries that are not text; they are ignored`);
          // Excluded folders are read as the kind folders are (`Archive\`, `Archive/` are `Archive`).
          s[key] = key === "excludedFolders" ? list.map(normaliseFolder).filter((f) => f !== "") : list;
        }
        break;
      }
      case "sectionNames":
        if (!isRecord(value)) bad(key, value);
        else {
          unknownIn(key, value, SECTION_IDS);
          for (const id of SECTION_IDS) {
            const v = value[id];
            if (typeof v === "string" && v.trim() !== "") s.sectionNames[id] = v.trim();
            else if (v !== undefined) bad(`sectionNames.${id}`, v);
          }
        }
        break;
      case "managedSections":
        if (!isRecord(value)) bad(key, value);
        else {
          unknownIn(key, value, SECTION_IDS);
          for (const id of SECTION_IDS) {
            const v = value[id];
            if (typeof v === "boolean") s.managedSections[id] = v;
            else if (v !== undefined) bad(`managedSections.${id}`, v);
          }
        }
        break;
      case "limits":
        if (!isRecord(value)) bad(key, value);
        else {
          unknownIn(key, value, Object.keys(s.limits));
          for (const k of Object.keys(s.limits) as Array<keyof Limits>) {
            const v = positiveInt(value[k]);
            if (v !== undefined) s.limits[k] = v;
            else if (value[k] !== undefined) bad(`limits.${k}`, value[k]);
          }
        }
        break;
      case "sourceLinks":
      case "mentions":
      case "openTasksAsCheckboxes":
      case "refreshOnSave":
        if (typeof value === "boolean") s[key] = value;
        else bad(key, value);
        break;
      case "refreshDelaySeconds":
      case "staleDays": {
        const v = typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
        if (v !== undefined) s[key] = v;
        else bad(key, value);
        break;
      }
      default:
        warnings.push(`unknown setting "${key}" ignored`);
    }
  }
  // Kinds come from the top-level folder (§2 rule 3): a folder inside another never matches, and
  // of two kinds given one folder the first in classify's order takes its notes.
  for (const k of KIND_FOLDERS) {
    if (s.folders[k].includes("/")) warnings.push(`setting "folders.${k}" names a folder inside another ("${s.folders[k]}"); kinds come from top-level folders only, so no note is found by it`);
  }
  for (let a = 0; a < KIND_FOLDERS.length; a++) {
    for (let b = a + 1; b < KIND_FOLDERS.length; b++) {
      const [x, y] = [KIND_FOLDERS[a]!, KIND_FOLDERS[b]!];
      if (s.folders[x].toLowerCase() === s.folders[y].toLowerCase()) {
        warnings.push(`settings "folders.${x}" and "folders.${y}" name one folder ("${s.folders[x]}"); its notes are ${x}`);
      }
    }
  }
  return { settings: s, warnings };
}
