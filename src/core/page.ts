// A customer page's generated content (§6, §7 "Bodies"): harvested from the index, rendered to lines.
import { dateRank, formatDate, notAfter, type NoteDate } from "./dates";
import { asList, isEmptyValue, type FmValue } from "./frontmatter";
import { itemText, type ItemSection } from "./items";
import { linkOrText } from "./kinds";
import { parseWikiInner } from "./links";
import type { ParsedNote } from "./note";
import { firstValue, frontmatterTopics, PERSON_COMPANY_KEYS } from "./relate";
import type { SectionId, Settings } from "./settings";
import { basenameOf, compareCodeUnits, escapeCell, foldCase, normaliseForDedup } from "./text";
import type { VaultIndex } from "./vault-index";

export interface HarvestedItem {
  text: string;
  source: string;
  blockId: string | null;
}

export interface RecentLine {
  note: string;
  date: NoteDate | null;
  summary: string | null;
  /** Path of the entity a via note reaches the customer through; null for direct notes. */
  via: string | null;
}

export interface Collaborator {
  person: string;
  role: string;
  company: string;
  /** Related notes that link the person. */
  count: number;
}

export interface PageModel {
  customer: string;
  /** Totals before the list limits (the panel's counts). */
  totals: { openTasks: number; blockers: number; keyDecisions: number };
  lastContact: NoteDate | null;
  /** Every related note, in sort order (Recent Context shows the first few). */
  related: RecentLine[];
  keyFacts: HarvestedItem[];
  opportunities: HarvestedItem[];
  openTasks: HarvestedItem[];
  blockers: HarvestedItem[];
  keyDecisions: HarvestedItem[];
  topics: string[];
  accountStatus: Array<[string, string]>;
  keyContacts: string[];
  collaborators: Collaborator[];
}

/** §4 sort order: date descending (month after day on its first day), unknown last, then path. */
export function compareNotes(a: Pick<ParsedNote, "date" | "path">, b: Pick<ParsedNote, "date" | "path">): number {
  const ra = dateRank(a.date);
  const rb = dateRank(b.date);
  if (ra !== rb) return rb - ra;
  return compareCodeUnits(a.path, b.path);
}

/** Notes in §4 sort order (compareNotes), each date ranked once. */
export function sortNotes(notes: ParsedNote[]): ParsedNote[] {
  const ranked = notes.map((n) => ({ n, rank: dateRank(n.date) }));
  ranked.sort((a, b) => b.rank - a.rank || compareCodeUnits(a.n.path, b.n.path));
  return ranked.map((r) => r.n);
}

/** §4 name order: basename lower-cased by code units, then path. */
export function compareNames(a: ParsedNote | undefined, b: ParsedNote | undefined, pa: string, pb: string): number {
  const na = (a?.basename ?? pa).toLowerCase();
  const nb = (b?.basename ?? pb).toLowerCase();
  return compareCodeUnits(na, nb) || compareCodeUnits(pa, pb);
}

/** A frontmatter value as a table cell: links by basename (resolved) or target, lists joined. */
function valueText(v: FmValue | undefined, index: VaultIndex, sourcePath: string, linksAsNames: boolean): string {
  const parts: string[] = [];
  for (const el of asList(v)) {
    if (typeof el !== "string") continue;
    let s = el.trim();
    if (linksAsNames) {
      s = s.replace(/\[\[([^\]\n]*)\]\]/g, (whole, inner: string) => {
        const link = parseWikiInner(inner);
        if (!link) return whole;
        const hit = index.resolve(link.target, sourcePath);
        return hit ? (index.note(hit)?.basename ?? link.target) : link.target;
      });
    }
    if (s !== "") parts.push(s);
  }
  return parts.join(", ");
}

export function statusRows(customer: ParsedNote, settings: Settings): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const key of settings.accountStatusKeys) {
    const k = key.trim();
    if (k === "") continue;
    const v = customer.fm.map.get(k.toLowerCase());
    if (isEmptyValue(v)) continue;
    const text = asList(v ?? null)
      .filter((x): x is string => typeof x === "string" && x.trim() !== "")
      .join(", ");
    if (text.trim() === "") continue;
    rows.push([k.charAt(0).toUpperCase() + k.slice(1), text]);
  }
  return rows;
}

function ignoredPeople(index: VaultIndex, customerPath: string, names: readonly string[]): Set<string> {
  const out = new Set<string>();
  const wanted = new Set(names.map((n) => foldCase(linkOrText(n).text)).filter((n) => n !== ""));
  if (wanted.size === 0) return out;
  for (const name of names) {
    const { text } = linkOrText(name);
    if (text === "") continue;
    const hit = index.resolve(text, customerPath);
    if (hit) out.add(hit);
  }
  for (const note of index.notes.values()) {
    if (note.kind !== "person") continue;
    if (wanted.has(foldCase(note.basename)) || note.aliases.some((a) => wanted.has(foldCase(a)))) out.add(note.path);
  }
  return out;
}

const ITEM_SECTIONS: ItemSection[] = ["keyFacts", "topics", "openTasks", "opportunities", "blockers", "keyDecisions"];

/** The newest known date among a customer's related notes that is not after today (§5). */
export function lastContactOf(index: VaultIndex, customerPath: string, today: NoteDate): NoteDate | null {
  let last: NoteDate | null = null;
  for (const p of index.relatedNotes(customerPath)) {
    const d = index.note(p)?.date;
    if (d && notAfter(d, today) && (!last || dateRank(d) > dateRank(last))) last = d;
  }
  return last;
}

export function buildPageModel(index: VaultIndex, customerPath: string, today: NoteDate): PageModel {
  const settings = index.settings;
  const customer = index.note(customerPath);
  if (!customer) throw new Error(`not a note: ${customerPath}`);
  const rels = sortNotes([...index.relatedNotes(customerPath)].map((p) => index.note(p)!));

  const related: RecentLine[] = rels.map((n) => ({
    note: n.path,
    date: n.date,
    summary: n.summary,
    via: index.relationsOf(n.path).get(customerPath) ?? null,
  }));

  const lastContact = lastContactOf(index, customerPath, today);

  // §6 sources: direct notes, and via notes that are direct for no other customer.
  const sources = rels.filter((n) => {
    const via = index.relationsOf(n.path).get(customerPath);
    return via === null || !index.isDirectForOther(n.path, customerPath);
  });
  const lists: Record<ItemSection, HarvestedItem[]> = {
    keyFacts: [],
    topics: [],
    openTasks: [],
    opportunities: [],
    blockers: [],
    keyDecisions: [],
  };
  const seen: Record<ItemSection, Set<string>> = Object.fromEntries(ITEM_SECTIONS.map((s) => [s, new Set<string>()])) as Record<
    ItemSection,
    Set<string>
  >;
  const topicCount = new Map<string, { form: string; count: number; order: number }>();
  for (const n of sources) {
    const link = index.resolver.linkText(n.path);
    const topicsHere = new Set<string>();
    const addTopic = (form: string): void => {
      const key = normaliseForDedup(form);
      if (key === "") return;
      if (!topicCount.has(key)) topicCount.set(key, { form, count: 0, order: topicCount.size });
      topicsHere.add(key);
    };
    for (const t of frontmatterTopics(n)) {
      const { text, isLink } = linkOrText(t);
      if (isLink) {
        const hit = index.resolve(text, n.path);
        // §6: a link shows its target's basename, resolved or not.
        addTopic(hit ? (index.note(hit)?.basename ?? text) : basenameOf(text.slice(text.lastIndexOf("/") + 1)));
      } else addTopic(text);
    }
    for (const item of n.items) {
      const text = itemText(item, link);
      if (item.section === "topics") {
        addTopic(text);
        continue;
      }
      const key = normaliseForDedup(text);
      if (seen[item.section].has(key)) continue;
      seen[item.section].add(key);
      lists[item.section].push({ text, source: n.path, blockId: item.blockId });
    }
    for (const key of topicsHere) topicCount.get(key)!.count++;
  }
  const topics = [...topicCount.values()]
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map((t) => t.form);

  // People: key contacts belong to the customer; collaborators are linked from related notes too.
  const members = index.membersOf(customerPath).filter((p) => index.note(p)?.kind === "person");
  const newest = new Map<string, NoteDate | null>();
  const count = new Map<string, number>();
  for (const n of rels) {
    const linked = new Set<string>();
    for (const t of index.linkTargets(n.path)) {
      if (t === null || linked.has(t)) continue;
      if (index.note(t)?.kind !== "person") continue;
      linked.add(t);
      count.set(t, (count.get(t) ?? 0) + 1);
      if (!newest.has(t)) newest.set(t, n.date);
    }
  }
  // compareNames, with each name lower-cased once rather than in every comparison.
  const names = new Map<string, string>();
  const nameOf = (p: string): string => {
    let name = names.get(p);
    if (name === undefined) names.set(p, (name = (index.note(p)?.basename ?? p).toLowerCase()));
    return name;
  };
  const byName = (a: string, b: string): number => compareCodeUnits(nameOf(a), nameOf(b)) || compareCodeUnits(a, b);
  const contactRank = (p: string): number => (newest.has(p) ? dateRank(newest.get(p) ?? null) : -2);
  const keyContacts = [...members].sort((a, b) => contactRank(b) - contactRank(a) || byName(a, b));

  const ignored = ignoredPeople(index, customerPath, settings.ignoredPeople);
  const people = new Set<string>([...count.keys(), ...members]);
  const collaborators: Collaborator[] = [...people]
    .filter((p) => !ignored.has(p))
    .sort((a, b) => (count.get(b) ?? 0) - (count.get(a) ?? 0) || byName(a, b))
    .map((p) => {
      const person = index.note(p)!;
      return {
        person: p,
        role: valueText(person.fm.map.get("role"), index, p, false),
        company: valueText(firstValue(person, PERSON_COMPANY_KEYS), index, p, true),
        count: count.get(p) ?? 0,
      };
    });

  return {
    customer: customerPath,
    totals: { openTasks: lists.openTasks.length, blockers: lists.blockers.length, keyDecisions: lists.keyDecisions.length },
    lastContact,
    related,
    keyFacts: lists.keyFacts.slice(0, settings.limits.keyFacts),
    opportunities: lists.opportunities.slice(0, settings.limits.opportunities),
    openTasks: lists.openTasks,
    blockers: lists.blockers,
    keyDecisions: lists.keyDecisions.slice(0, settings.limits.keyDecisions),
    topics: topics.slice(0, settings.limits.topics),
    accountStatus: statusRows(customer, settings),
    keyContacts,
    collaborators,
  };
}

/** The body lines of every section (§7 "Bodies"); an empty list is an empty body. */
export function renderBodies(model: PageModel, index: VaultIndex): Record<SectionId, string[]> {
  const settings = index.settings;
  const link = (p: string): string => index.resolver.linkText(p);
  const basename = (p: string): string => index.note(p)?.basename ?? p;
  const src = (i: HarvestedItem): string =>
    settings.sourceLinks ? ` ([[${link(i.source)}${i.blockId !== null ? `#^${i.blockId}` : ""}]])` : "";
  const lines = (items: HarvestedItem[], prefix: string): string[] => items.map((i) => `- ${prefix}${i.text}${src(i)}`);

  const recent = model.related.slice(0, settings.limits.recentContext).map((r) => {
    let s = `- ${formatDate(r.date)}: [[${link(r.note)}]]`;
    if (r.summary !== null && r.summary !== "") s += ` - ${r.summary}`;
    if (r.via !== null) s += ` (via ${basename(r.via)})`;
    return s;
  });

  const status = [
    "| Field | Value |",
    "|-------|-------|",
    ...model.accountStatus.map(([k, v]) => `| **${k}** | ${escapeCell(v)} |`),
    `| **Last contact** | ${formatDate(model.lastContact)} |`,
  ];

  const collab =
    model.collaborators.length === 0
      ? []
      : [
          "| Person | Role | Company |",
          "|--------|------|---------|",
          ...model.collaborators.map((c) => `| [[${link(c.person)}]] | ${escapeCell(c.role)} | ${escapeCell(c.company)} |`),
        ];

  return {
    recentContext: recent,
    keyFacts: lines(model.keyFacts, ""),
    topics: model.topics.length > 0 ? [model.topics.join(", ")] : [],
    openTasks: lines(model.openTasks, settings.openTasksAsCheckboxes ? "[ ] " : ""),
    accountStatus: status,
    keyContacts: model.keyContacts.map((p) => `- [[${link(p)}]]`),
    opportunities: lines(model.opportunities, ""),
    blockers: lines(model.blockers, "❌ "),
    keyDecisions: lines(model.keyDecisions, "✅ "),
    collaborators: collab,
    relatedPeople: model.collaborators.map((c) => `- [[${link(c.person)}]]`),
  };
}
