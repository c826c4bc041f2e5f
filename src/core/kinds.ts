// Kinds of note (§2) and which files are notes at all (§1).
import { asList, asStringList, type Frontmatter } from "./frontmatter";
import { parseWikiInner, wikiLinksOf } from "./links";
import type { Settings } from "./settings";
import { basenameOf, foldCase } from "./text";

export type Kind = "customer" | "person" | "project" | "meeting" | "note";

// Maps, not object literals: `type: constructor` or `[[__proto__]]` must not find Object.prototype's members.
const TYPE_WORDS = new Map<string, Kind>([
  ["customer", "customer"],
  ["account", "customer"],
  ["person", "person"],
  ["people", "person"],
  ["contact", "person"],
  ["project", "project"],
  ["meeting", "meeting"],
]);

const CATEGORY_NOTES = new Map<string, Kind>([
  ["customers", "customer"],
  ["accounts", "customer"],
  ["people", "person"],
  ["projects", "project"],
  ["meetings", "meeting"],
]);

/** A frontmatter string that is a wikilink, as its target's basename; otherwise the string. */
export function linkOrText(s: string): { text: string; isLink: boolean } {
  const t = s.trim();
  if (t.startsWith("[[") && t.endsWith("]]")) {
    const inner = parseWikiInner(t.slice(2, -2));
    if (inner) return { text: inner.target, isLink: true };
  }
  return { text: t, isLink: false };
}

function lastSegment(target: string): string {
  return basenameOf(target.slice(target.lastIndexOf("/") + 1));
}

/** Is the path a note at all: a `.md` file with no folder or file name starting with `.`. */
export function isNotePath(path: string): boolean {
  if (!path.endsWith(".md")) return false;
  // No segment starting with "." (hidden folders and files), without splitting the path.
  return !path.startsWith(".") && !path.includes("/.");
}

/** Where a note lives relative to the customers folder, for §2 rule 3 and §5 "lies under". */
export function customerFolderName(path: string, settings: Settings): string | null {
  // path.split("/") without the array: [0] is the customers folder, [1] is returned, a [2] must exist.
  const a = path.indexOf("/");
  if (a < 0) return null;
  const b = path.indexOf("/", a + 1);
  if (b < 0) return null;
  if (foldCase(path.slice(0, a)) !== foldCase(settings.folders.customers)) return null;
  return path.slice(a + 1, b);
}

export function classify(path: string, fm: Frontmatter, settings: Settings): Kind {
  // 1. `type`, read as a list; the first element that names a kind decides.
  for (const v of asList(fm.map.get("type"))) {
    if (typeof v !== "string") continue;
    const { text } = linkOrText(v);
    const kind = TYPE_WORDS.get(lastSegment(text).toLowerCase());
    if (kind) return kind;
  }
  // 2. `type/…` tags, or a `categories` entry linking to Customers, People, …
  const tags = [...tagList(fm.map.get("tags")), ...tagList(fm.map.get("tag"))];
  for (const tag of tags) {
    const m = /^type\/(customer|person|project|meeting)$/i.exec(tag);
    if (m) return m[1]!.toLowerCase() as Kind;
  }
  for (const v of asList(fm.map.get("categories"))) {
    if (typeof v !== "string") continue;
    // Every link of an entry links to its note (`"[[Companies]], [[Customers]]"`, one text property).
    for (const link of wikiLinksOf(v)) {
      const kind = CATEGORY_NOTES.get(lastSegment(link.target).toLowerCase());
      if (kind) return kind;
    }
  }
  // 3. The top-level folder.
  const parts = path.split("/");
  if (parts.length >= 2) {
    // Folder names compared ignoring case and Unicode form (an accented folder may be NFD on disk).
    const top = foldCase(parts[0]!);
    const f = settings.folders;
    if (top === foldCase(f.people)) return "person";
    if (top === foldCase(f.projects)) return "project";
    if (top === foldCase(f.meetings)) return "meeting";
    // A Kanban board or an Excalidraw drawing kept among the customers is no customer page: their
    // plugins own the file's layout, which appended sections would break.
    if (top === foldCase(f.customers) && !fm.map.has("kanban-plugin") && !fm.map.has("excalidraw-plugin")) {
      if (parts.length === 2) return "customer";
      if (parts.length === 3 && foldCase(basenameOf(parts[2]!)) === foldCase(parts[1]!)) return "customer";
    }
  }
  return "note";
}

/** `tags` may be a list or a comma/space separated string; `#` is stripped. */
export function tagList(v: Frontmatter["map"] extends Map<string, infer V> ? V | undefined : never): string[] {
  if (v === undefined || v === null) return [];
  const raw = typeof v === "string" ? v.split(/[,\s]+/) : asStringList(v);
  return raw.map((t) => t.trim().replace(/^#/, "")).filter((t) => t !== "");
}
