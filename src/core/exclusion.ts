// Which notes are read (§1): not under excluded folders, the Templates folder (and Templater's), or
// Obsidian's "Excluded files". Excluded notes stay link targets.
import { errorText, foldCase, nfc, parseJson } from "./text";

export interface ObsidianConfigTexts {
  /** Contents of `.obsidian/app.json`, if any. */
  appJson?: string | null;
  /** Contents of `.obsidian/templates.json`, if any. */
  templatesJson?: string | null;
  /** Contents of `.obsidian/plugins/templater-obsidian/data.json` (the Templater plugin's settings), if any. */
  templaterJson?: string | null;
}

// NFC: a folder typed in Obsidian is composed, while macOS may give its name on disk decomposed.
function trimSlashes(s: string): string {
  return nfc(s.trim().replace(/^\/+/, "").replace(/\/+$/, ""));
}

function readJson(text: string | null | undefined): unknown {
  if (!text) return null;
  const r = parseJson(text);
  return r.ok ? r.value : null;
}

/** What each of Obsidian's files excludes, as its warning names it (the plugin shows no file name). */
const CONFIG_FILES = {
  userIgnoreFilters: { key: "appJson", file: "Obsidian's app.json", lost: 'its "Excluded files" are not applied' },
  templates: { key: "templatesJson", file: "Obsidian's templates.json", lost: "its Templates folder is not excluded" },
  templater: { key: "templaterJson", file: "the Templater plugin's data.json", lost: "its templates folder is not excluded" },
} as const;

/**
 * Obsidian's files that exclusions() cannot read — not JSON (a merge conflict in a vault kept in
 * git, a file cut short by a crash), or JSON that is no object — and so exclude nothing: said,
 * since the notes they would keep out are then read (a template's tasks could reach a page).
 */
export function configFileProblems(obsidian: ObsidianConfigTexts): Array<{ source: Exclude<ExclusionSource, "excludedFolders">; message: string }> {
  const out: Array<{ source: Exclude<ExclusionSource, "excludedFolders">; message: string }> = [];
  for (const source of ["userIgnoreFilters", "templates", "templater"] as const) {
    const { key, file, lost } = CONFIG_FILES[source];
    const text = obsidian[key];
    if (text === null || text === undefined) continue;
    const r = parseJson(text);
    if (!r.ok) {
      out.push({ source, message: `${file} is not valid JSON (${errorText(r.error)}); ${lost}` });
      continue;
    }
    const value = r.value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) out.push({ source, message: `${file} is not a JSON object; ${lost}` });
  }
  return out;
}

/** Where an excluded path comes from: which setting, in which file, excludes it. */
export type ExclusionSource = "excludedFolders" | "templates" | "templater" | "userIgnoreFilters";

export interface Exclusion {
  prefix: string;
  source: ExclusionSource;
}

/** Every excluded path prefix with the setting it comes from, in the order excludedPrefixes gives them. */
export function exclusions(configured: readonly string[], obsidian: ObsidianConfigTexts = {}): Exclusion[] {
  const out: Exclusion[] = [];
  for (const f of configured) if (trimSlashes(f) !== "") out.push({ prefix: trimSlashes(f), source: "excludedFolders" });
  const templates = readJson(obsidian.templatesJson) as { folder?: unknown } | null;
  if (templates && typeof templates.folder === "string" && trimSlashes(templates.folder) !== "") {
    out.push({ prefix: trimSlashes(templates.folder), source: "templates" });
  }
  // Templater keeps its own templates folder: its templates are no meetings either, and a tick must
  // never close a task in the template every later meeting is made from.
  const templater = readJson(obsidian.templaterJson) as { templates_folder?: unknown } | null;
  if (templater && typeof templater.templates_folder === "string" && trimSlashes(templater.templates_folder) !== "") {
    out.push({ prefix: trimSlashes(templater.templates_folder), source: "templater" });
  }
  const app = readJson(obsidian.appJson) as { userIgnoreFilters?: unknown } | null;
  if (app && Array.isArray(app.userIgnoreFilters)) {
    for (const f of app.userIgnoreFilters) {
      if (typeof f !== "string") continue;
      // `/regex/` filters are Obsidian's search syntax; only plain paths are honoured here.
      if (f.length > 1 && f.startsWith("/") && f.endsWith("/")) continue;
      const p = trimSlashes(f);
      if (p !== "") out.push({ prefix: p, source: "userIgnoreFilters" });
    }
  }
  return out;
}

/** Path prefixes to exclude, from the settings and Obsidian's own configuration. */
export function excludedPrefixes(configured: readonly string[], obsidian: ObsidianConfigTexts = {}): string[] {
  return prefixesOf(exclusions(configured, obsidian));
}

/** The prefixes of `exclusions`, each once. */
export function prefixesOf(found: readonly Exclusion[]): string[] {
  return [...new Set(found.map((e) => e.prefix))];
}

/** How a warning names each source (the CLI names its file too; the plugin has only the text). */
const EXCLUDED_BY: Record<ExclusionSource, string> = {
  excludedFolders: 'by setting "excludedFolders"',
  templates: "as the Templates folder",
  templater: "as the Templater plugin's templates folder",
  userIgnoreFilters: `by Obsidian's "Excluded files"`,
};

export const KIND_FOLDER_NOTES = { customers: "a customer page", people: "a person", projects: "a project", meetings: "a meeting" } as const;

type KindFolder = keyof typeof KIND_FOLDER_NOTES;

/**
 * A kind folder (§2 rule 3) that an exclusion covers whole: none of its notes is ever read, so the
 * customers folder excluded means no customer page at all — said once per folder and source, since
 * nothing else would say it. §2 reads kind folders ignoring case (`customers/` is the `Customers`
 * folder), while an exclusion compares case: one that names the kind folder in another case covers
 * it when the vault spells it so — `inVault(prefix)` says whether a note lies under that spelling
 * (Obsidian's Excluded files holds the folder as the vault spells it) — and is named as spelled.
 */
export function excludedKindFolders(
  folders: Readonly<Record<KindFolder, string>>,
  excluded: readonly Exclusion[],
  inVault: (folder: string) => boolean = () => false,
): Array<{ source: ExclusionSource; message: string }> {
  return kindFoldersExcluded(folders, excluded, inVault).map(({ source, kind, folder }) => ({
    source,
    message: `folder "${folder}" (setting "folders.${kind}") is excluded ${EXCLUDED_BY[source]}: its notes are never read, so none of them is ${KIND_FOLDER_NOTES[kind]}`,
  }));
}

/** What excludedKindFolders says, as data: the settings tab words it its own way. */
export function kindFoldersExcluded(
  folders: Readonly<Record<KindFolder, string>>,
  excluded: readonly Exclusion[],
  inVault: (folder: string) => boolean = () => false,
): Array<{ source: ExclusionSource; kind: KindFolder; folder: string }> {
  const out: Array<{ source: ExclusionSource; kind: KindFolder; folder: string }> = [];
  for (const kind of ["customers", "people", "projects", "meetings"] as const) {
    const folder = folders[kind];
    const said = new Set<string>();
    for (const e of excluded) {
      let shown: string;
      if (isExcluded(folder, [e.prefix])) shown = folder;
      else if (foldCase(e.prefix) === foldCase(folder) && inVault(e.prefix)) shown = e.prefix;
      else continue;
      const key = `${e.source}\u0000${shown}`;
      if (said.has(key)) continue;
      said.add(key);
      out.push({ source: e.source, kind, folder: shown });
    }
  }
  return out;
}

/** Does the path lie under the folder, compared as isExcluded compares (case kept, one Unicode form)? */
export function isUnder(path: string, folder: string): boolean {
  return nfc(path).startsWith(folder + "/");
}

/** A path is excluded when it is, or lies under, one of the prefixes. */
export function isExcluded(path: string, prefixes: readonly string[]): boolean {
  if (prefixes.length === 0) return false;
  path = nfc(path);
  for (const p of prefixes) {
    if (path === p || path.startsWith(p + "/") || path === p + ".md") return true;
  }
  return false;
}
