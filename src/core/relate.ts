// Who is related to a customer (§5): terms, "names C", "belongs to C", direct and via notes.
import { asList, asStringList, isEmptyValue, type FmValue } from "./frontmatter";
import { wikiLinksOf } from "./links";
import type { ParsedNote } from "./note";
import type { Resolver } from "./resolve";
import { foldCase } from "./text";

export interface CustomerTerms {
  /** Folded term → the customers carrying it. */
  owners: Map<string, Set<string>>;
  /** Term as written → its one customer, for mention matching (shared and short terms left out). */
  mentionTerms: Map<string, string>;
  /** Folded term → its one customer, for plain-text values (shared terms left out). */
  unique: Map<string, string>;
  /** Warnings about shared terms, by customer path (terms shared only with look-alikes left out). */
  shared: Array<{ file: string; term: string; others: string[] }>;
  /**
   * Customers with the same title and aliases as another (ignoring case and order), as a copy of a
   * page has (a sync conflict, "Make a copy"): one warning each, naming the others and the names.
   */
  lookAlikes: Array<{ file: string; names: string[]; aliases: boolean; others: string[] }>;
}

/**
 * A customer page's title and its aliases (folded, sorted, one each), or "" when it has no title.
 * Two pages with the same title and aliases say they are one company; two companies that share an
 * alias (Northstar Bank and Northstar Energy, both "Northstar") have no title or differ in it.
 */
function ownNamesKey(note: ParsedNote): string {
  const title = note.fm.map.get("title");
  if (typeof title !== "string" || title.trim() === "") return "";
  const aliases = [...new Set(note.aliases.map((a) => foldCase(a.trim())).filter((a) => a !== ""))].sort();
  return [foldCase(title.trim()), ...aliases].join("\n");
}

export function termsOf(note: ParsedNote): string[] {
  const out = [note.basename];
  const title = note.fm.map.get("title");
  if (typeof title === "string" && title.trim() !== "") out.push(title.trim());
  for (const a of note.aliases) out.push(a);
  return out;
}

function mentionsDisabled(note: ParsedNote): boolean {
  const v = note.fm.map.get("mentions");
  return typeof v === "string" && v.trim().toLowerCase() === "false";
}

export function buildTerms(customers: readonly ParsedNote[], mentionsOn: boolean): CustomerTerms {
  const owners = new Map<string, Set<string>>();
  for (const c of customers) {
    for (const t of termsOf(c)) {
      const k = foldCase(t.trim());
      if (k === "") continue;
      let set = owners.get(k);
      if (!set) owners.set(k, (set = new Set()));
      set.add(c.path);
    }
  }
  const unique = new Map<string, string>();
  const mentionTerms = new Map<string, string>();
  const shared: CustomerTerms["shared"] = [];
  // Look-alikes: the same title and aliases, as a copy of a page (the sync tool's, Obsidian's "Make
  // a copy") has. Customers are few; this is one pass over them whenever their names change.
  const byNames = new Map<string, string[]>();
  const namesKeyOf = new Map<string, string>();
  for (const c of customers) {
    const key = ownNamesKey(c);
    namesKeyOf.set(c.path, key);
    if (key === "") continue;
    const list = byNames.get(key);
    if (list) list.push(c.path);
    else byNames.set(key, [c.path]);
  }
  const lookAlikes: CustomerTerms["lookAlikes"] = [];
  const alike = new Map<string, Set<string>>();
  for (const c of customers) {
    const group = byNames.get(namesKeyOf.get(c.path)!);
    if (group === undefined || group.length < 2) continue;
    const others = group.filter((p) => p !== c.path).sort();
    alike.set(c.path, new Set(others));
    // Every name it shares with them, its basename too when one of them has it (the warnings per
    // name it stands for are left out below).
    const names: string[] = [];
    const seen = new Set<string>();
    for (const t of termsOf(c)) {
      const k = foldCase(t.trim());
      if (k !== "" && !seen.has(k) && others.some((p) => owners.get(k)!.has(p))) names.push(t.trim());
      seen.add(k);
    }
    lookAlikes.push({ file: c.path, names, aliases: c.aliases.some((a) => a.trim() !== ""), others });
  }
  for (const c of customers) {
    const noMentions = !mentionsOn || mentionsDisabled(c);
    const seen = new Set<string>();
    for (const t of termsOf(c)) {
      const k = foldCase(t.trim());
      if (k === "") continue;
      const set = owners.get(k)!;
      if (set.size > 1) {
        // Shared in any case: "Northstar" and another customer's "northstar" name one company to a reader.
        const others = [...set].filter((p) => p !== c.path).sort();
        // A name shared only with look-alikes is in their one warning.
        const mine = alike.get(c.path);
        if (!seen.has(k) && !(mine !== undefined && others.every((p) => mine.has(p)))) shared.push({ file: c.path, term: t.trim(), others });
      } else {
        unique.set(k, c.path);
        // Mentions match as written, so every spelling of the customer's own term is one to match:
        // `aliases: [ACME]` on Acme finds "ACME".
        if (!noMentions) mentionTerms.set(t.trim(), c.path);
      }
      seen.add(k);
    }
  }
  return { owners, mentionTerms, unique, shared, lookAlikes };
}

/** The context a relation needs about the rest of the vault. */
export interface RelateContext {
  resolver: Resolver;
  notes: ReadonlyMap<string, ParsedNote>;
  customers: ReadonlySet<string>;
  terms: CustomerTerms;
}

/** The customers a frontmatter value names (§5 "Names C"). */
export function namedCustomers(value: FmValue | undefined, sourcePath: string, ctx: RelateContext): Set<string> {
  const out = new Set<string>();
  for (const el of asList(value)) {
    if (typeof el !== "string") continue;
    const s = el.trim();
    if (s === "") continue;
    if (s.includes("[[")) {
      for (const link of wikiLinksOf(s)) {
        const hit = ctx.resolver.resolve(link.target, sourcePath).path;
        if (hit && ctx.customers.has(hit)) out.add(hit);
      }
      continue;
    }
    // Plain text: as a link target (§3 steps 4–5, so no relative or rooted paths), or a term.
    if (!s.startsWith(".") && !s.startsWith("/")) {
      const hit = ctx.resolver.resolve(s, sourcePath).path;
      if (hit && ctx.customers.has(hit)) {
        out.add(hit);
        continue;
      }
    }
    const owner = ctx.terms.unique.get(foldCase(s));
    if (owner) out.add(owner);
  }
  return out;
}

/** The first non-empty value among keys (`company`, else `organization` …). */
export function firstValue(note: ParsedNote, keys: readonly string[]): FmValue | undefined {
  for (const k of keys) {
    const v = note.fm.map.get(k);
    // Empty in any shape (`company:` with an unfilled `-`, `[""]`, `{}`) gives way to the next key.
    if (isEmptyValue(v)) continue;
    return v;
  }
  return undefined;
}

export const PERSON_COMPANY_KEYS = ["company", "organization", "org", "account"] as const;
export const PROJECT_CUSTOMER_KEYS = ["customer", "account", "company"] as const;
export const NOTE_CUSTOMER_KEYS = ["customer", "account", "company", "org", "organization"] as const;

/**
 * Does a related note give a customer its items (§6 sources)? A direct note does; a via note only
 * when it is direct for no other customer.
 */
export function isHarvestSource(relations: ReadonlyMap<string, string | null>, customer: string): boolean {
  if (relations.get(customer) === null) return true;
  for (const [c, via] of relations) if (via === null && c !== customer) return false;
  return true;
}

/** How a note relates to each customer: null for direct, the entity's path for via. */
export type Relations = Map<string, string | null>;

export function relateNote(
  note: ParsedNote,
  targets: ReadonlyArray<string | null>,
  mentioned: ReadonlySet<string>,
  belongs: ReadonlyMap<string, ReadonlySet<string>>,
  customerFolders: ReadonlyMap<string, readonly string[]>,
  folderOfNote: string | null,
  ctx: RelateContext,
): Relations {
  const rel: Relations = new Map();
  for (const t of targets) if (t !== null && t !== note.path && ctx.customers.has(t)) rel.set(t, null);
  for (const key of NOTE_CUSTOMER_KEYS) {
    const v = note.fm.map.get(key);
    if (v === undefined || v === null) continue;
    for (const c of namedCustomers(v, note.path, ctx)) rel.set(c, null);
  }
  // The mentions found before a customer page went away (deleted, renamed, no longer a customer)
  // stand until every note is matched again (the plugin does that in slices): they name it no more.
  for (const c of mentioned) if (ctx.customers.has(c)) rel.set(c, null);
  if (folderOfNote !== null) for (const c of customerFolders.get(foldCase(folderOfNote)) ?? []) rel.set(c, null);
  for (const t of targets) {
    if (t === null) continue;
    const owners = belongs.get(t);
    if (!owners) continue;
    for (const c of owners) if (!rel.has(c)) rel.set(c, t);
  }
  return rel;
}

/** Topics from frontmatter (`topics`: a list or a comma-separated string). */
export function frontmatterTopics(note: ParsedNote): string[] {
  return asStringList(note.fm.map.get("topics"));
}
