// Which notes are read (§1): not under excluded folders, the Templates folder (and Templater's), or
// Obsidian's "Excluded files". Excluded notes stay link targets.
import { nfc } from "./text";

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
  try {
    // Some editors save JSON with a byte order mark, which JSON.parse refuses.
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch {
    return null;
  }
}

/** Path prefixes to exclude, from the settings and Obsidian's own configuration. */
export function excludedPrefixes(configured: readonly string[], obsidian: ObsidianConfigTexts = {}): string[] {
  const out: string[] = [];
  for (const f of configured) if (trimSlashes(f) !== "") out.push(trimSlashes(f));
  const templates = readJson(obsidian.templatesJson) as { folder?: unknown } | null;
  if (templates && typeof templates.folder === "string" && trimSlashes(templates.folder) !== "") {
    out.push(trimSlashes(templates.folder));
  }
  // Templater keeps its own templates folder: its templates are no meetings either, and a tick must
  // never close a task in the template every later meeting is made from.
  const templater = readJson(obsidian.templaterJson) as { templates_folder?: unknown } | null;
  if (templater && typeof templater.templates_folder === "string" && trimSlashes(templater.templates_folder) !== "") {
    out.push(trimSlashes(templater.templates_folder));
  }
  const app = readJson(obsidian.appJson) as { userIgnoreFilters?: unknown } | null;
  if (app && Array.isArray(app.userIgnoreFilters)) {
    for (const f of app.userIgnoreFilters) {
      if (typeof f !== "string") continue;
      // `/regex/` filters are Obsidian's search syntax; only plain paths are honoured here.
      if (f.length > 1 && f.startsWith("/") && f.endsWith("/")) continue;
      const p = trimSlashes(f);
      if (p !== "") out.push(p);
    }
  }
  return [...new Set(out)];
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
