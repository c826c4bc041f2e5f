// Vaults of the restricted shape contract-model.ts handles exactly, as fast-check arbitraries. A vault
// is drawn as plain data (indices into fixed pools, so that shrinking stays meaningful) and built into
// notes by `buildVault`. Names are chosen so that no note's basename equals an entity's name or
// alias, no plain word is part of a term, and each term is one token: the model needs no tie rules
// the contract does not give. Left out as corners with oracles of their own: an item with no text
// (`-` alone after a paragraph is a setext underline), an item or paragraph line that is only bold
// text (an outline's label, a bold line), a paragraph line starting with `#`.
import fc from "fast-check";
import { renderNote, renderTok, type Block, type FmVal, type GItem, type GNote, type Tok } from "./contract-model";

interface CustomerPool {
  base: string;
  aliases: string[][];
  titles: Array<string | null>;
}

const CUSTOMERS: CustomerPool[] = [
  { base: "Acme", aliases: [[], ["ACME Inc"], ["Northwind"], ["AC"]], titles: [null, "Acme Corporation"] },
  { base: "Acme Labs", aliases: [[], ["Northwind"], ["ACME"]], titles: [null] },
  { base: "Globex", aliases: [[], ["Globex Corp"]], titles: [null, "Globex Corporation"] },
  { base: "Initech", aliases: [[], ["northwind"]], titles: [null] },
  { base: "Café Co", aliases: [[], ["Cafe Co"]], titles: [null] },
  { base: "三菱商事", aliases: [[]], titles: [null, "Mitsubishi Corp"] },
];
const PEOPLE: Array<{ base: string; aliases: string[] }> = [
  { base: "Maya Lin", aliases: ["Maya"] },
  { base: "Bo", aliases: [] },
  { base: "Rory Carmichael", aliases: ["Rory", "R. Carmichael"] },
  { base: "Dana", aliases: [] },
  { base: "Zed", aliases: [] },
  { base: "Émile", aliases: [] },
  { base: "ann", aliases: [] },
];
const PROJECTS = ["Apollo", "Hermes"];
const WORDS = ["call", "pricing", "budget", "plan", "with", "about", "next", "week", "security", "pilot", "legal", "notes", "the"];
const PHRASES = ["Budget approved", "Two data centers", "Pilot in November", "Legal review pending", "Security questionnaire", "Renewal at risk"];
const TITLES = ["Sync", "Call", "Review", "Kickoff", "Planning", "sync"];
const DATES: Array<[number, number, number]> = [
  [2025, 10, 20],
  [2025, 10, 22],
  [2025, 10, 1],
  [2025, 11, 1],
  [2025, 11, 5],
  [2024, 12, 31],
];
const MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];
const MONTH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const HEADINGS = ["Key Facts", "Facts", "Key Points", "key facts:", "**Risks**", "Blockers", "Issues", "Decisions", "Key Decisions", "Opportunities", "Topics", "Notes", "Agenda", "Pricing", "Next Steps", "Key Facts ##", "__Risks__", "**Opportunities:**", "Topics:"];
const BOLDS: Array<[string, string]> = [
  ["**Key Facts:**", "Key Facts"],
  ["**Risks:**", "Risks"],
  ["**Decisions**", "Decisions"],
  ["**Opportunities:**", "Opportunities"],
  ["**Notes:**", "Notes"],
  ["**Topics:**", "Topics"],
  ["**Key Facts**:", "Key Facts"],
  ["__Risks:__", "Risks"],
];
const TAGS = ["#fact", "#Fact/pricing", "#blocker", "#decision", "#opportunity", "#misc", "#factual", "#fact-check", "#decision.", "#BLOCKER/legal"];
const EMOJI = ["❌", "✅", "⚠️", "⚠"];

const nat = (max: number): fc.Arbitrary<number> => fc.nat({ max });

export interface TokSpec {
  k: number;
  a: number;
  b: number;
}
export interface ItemSpec {
  depth: 0 | 1;
  marker: number;
  box: number;
  emoji: number;
  phrase: number;
  variant: number;
  extra: TokSpec | null;
  tag: number;
  tagAt: number;
  blockId: boolean;
}
export type BlockSpec =
  | { k: "para"; lines: TokSpec[][]; tight: boolean }
  | { k: "heading"; level: number; name: number; toks: TokSpec[] | null; setext: boolean }
  | { k: "bold"; name: number }
  | { k: "items"; items: ItemSpec[] };
export interface NoteSpec {
  folder: number;
  title: number;
  form: number;
  date: number;
  fmDate: number;
  type: boolean;
  key: number;
  ref: TokSpec;
  attendees: TokSpec[];
  summary: TokSpec[] | null;
  topics: number;
  blocks: BlockSpec[];
  /** Frontmatter keys written capitalised (`Date`, `Customer` …). */
  caps: boolean;
  /** 0: its first frontmatter key twice; 1: a line YAML cannot read; else valid. */
  bad: number;
}
export interface CustomerSpec {
  pool: number;
  place: number;
  alias: number;
  title: number;
  status: number;
  contacts: number[];
  projects: number[];
  mentionsOff: boolean;
  /** Another customer listed in `contacts` (customer pages never belong to each other). */
  otherContact: boolean;
}
export interface PersonSpec {
  place: number;
  caps: boolean;
  aliasForm: number;
  key: number;
  ref: TokSpec;
  second: TokSpec | null;
  role: number;
}
export interface VaultSpec {
  customers: CustomerSpec[];
  people: Array<PersonSpec | null>;
  projects: Array<{ key: number; ref: TokSpec } | null>;
  notes: NoteSpec[];
  page: number;
  /** A second person named Dana (`Team/Dana.md`), naming a customer through this reference. */
  twin: TokSpec | null;
  /** Notes in the excluded folder `Archive/` and empty notes (what clicking an unresolved link creates). */
  extras: number[];
  settings: { sourceLinks: boolean; checkboxes: boolean; ignored: number };
}

const tokSpec: fc.Arbitrary<TokSpec> = fc.record({ k: nat(14), a: nat(20), b: nat(20) });
const line = fc.array(tokSpec, { minLength: 1, maxLength: 6 });
const longLine = fc.array(tokSpec, { minLength: 20, maxLength: 30 });
const item: fc.Arbitrary<ItemSpec> = fc.record({
  depth: fc.constantFrom<0 | 1>(0, 0, 1),
  marker: nat(4),
  box: fc.constantFrom(0, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6),
  emoji: nat(8),
  phrase: nat(PHRASES.length - 1),
  variant: nat(6),
  extra: fc.option(tokSpec, { freq: 2 }),
  tag: nat(16),
  tagAt: nat(2),
  blockId: nat(4).map((x) => x === 0),
});
const block: fc.Arbitrary<BlockSpec> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant("para" as const), lines: fc.oneof({ arbitrary: fc.array(line, { minLength: 1, maxLength: 2 }), weight: 4 }, { arbitrary: longLine.map((l) => [l]), weight: 1 }), tight: nat(3).map((x) => x === 0) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant("heading" as const), level: fc.integer({ min: 1, max: 3 }), name: nat(HEADINGS.length - 1), toks: fc.option(line, { freq: 5 }), setext: nat(4).map((x) => x === 0) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant("bold" as const), name: nat(BOLDS.length - 1) }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant("items" as const), items: fc.array(item, { minLength: 1, maxLength: 4 }) }), weight: 4 },
);
const note: fc.Arbitrary<NoteSpec> = fc.record({
  folder: nat(5),
  title: nat(TITLES.length - 1),
  form: nat(12),
  date: nat(DATES.length - 1),
  fmDate: nat(12),
  type: fc.boolean(),
  key: nat(8),
  ref: tokSpec,
  attendees: fc.array(tokSpec, { maxLength: 3 }),
  summary: fc.option(fc.oneof(line, longLine), { freq: 4 }),
  topics: nat(6),
  blocks: fc.array(block, { maxLength: 6 }),
  caps: nat(3).map((x) => x === 0),
  bad: nat(12),
});

export const vaultSpec: fc.Arbitrary<VaultSpec> = fc.record({
  customers: fc.uniqueArray(
    fc.record({
      pool: nat(CUSTOMERS.length - 1),
      place: nat(5),
      alias: nat(3),
      title: nat(1),
      status: nat(4),
      contacts: fc.array(nat(PEOPLE.length - 1), { maxLength: 2 }),
      projects: fc.array(nat(PROJECTS.length - 1), { maxLength: 1 }),
      mentionsOff: nat(5).map((x) => x === 0),
      otherContact: nat(4).map((x) => x === 0),
    }),
    { minLength: 1, maxLength: 3, selector: (c) => c.pool },
  ),
  people: fc.array(fc.option(fc.record({ place: nat(4), caps: nat(3).map((x) => x === 0), aliasForm: nat(2), key: nat(6), ref: tokSpec, second: fc.option(tokSpec, { freq: 4 }), role: nat(4) }), { freq: 5 }), {
    minLength: PEOPLE.length,
    maxLength: PEOPLE.length,
  }),
  projects: fc.array(fc.option(fc.record({ key: nat(4), ref: tokSpec }), { freq: 2 }), { minLength: PROJECTS.length, maxLength: PROJECTS.length }),
  notes: fc.array(note, { minLength: 1, maxLength: 7 }),
  page: nat(3),
  twin: fc.option(tokSpec, { freq: 4 }),
  extras: fc.uniqueArray(nat(5), { maxLength: 3 }),
  settings: fc.record({ sourceLinks: nat(3).map((x) => x !== 0), checkboxes: nat(3).map((x) => x !== 0), ignored: nat(4) }),
});

export interface BuiltVault {
  notes: GNote[];
  files: Record<string, string>;
  customers: string[];
  settings: { sourceLinks: boolean; checkboxes: boolean; ignored: string[] };
}

const pad = (n: number): string => String(n).padStart(2, "0");

export function buildVault(spec: VaultSpec): BuiltVault {
  const customers = spec.customers.map((c) => {
    const pool = CUSTOMERS[c.pool]!;
    const base = pool.base;
    const path = [`Customers/${base}.md`, `Accounts/${base}.md`, `Customers/${base}/${base}.md`, `Customers/${base}/${base}.md`, `Clients/${base}.md`, `Accounts/${base}.md`][c.place]!;
    return { spec: c, pool, path, aliases: pool.aliases[c.alias % pool.aliases.length]!, title: pool.titles[c.title % pool.titles.length]! };
  });
  const people = PEOPLE.map((p, i) => ({ ...p, spec: spec.people[i]! })).filter((p) => p.spec !== null);
  const projects = PROJECTS.map((p, i) => ({ base: p, spec: spec.projects[i]! })).filter((p) => p.spec !== null);

  // A reference to a customer (frontmatter values and tokens): its name in some form.
  const custName = (a: number, b: number): { text: string; link: boolean } => {
    const c = customers[a % customers.length]!;
    const forms: Array<{ text: string; link: boolean }> = [
      { text: c.pool.base, link: true },
      { text: c.path.replace(/\.md$/, ""), link: false },
      { text: `${c.pool.base}|the client`, link: true },
      { text: c.pool.base, link: false },
      { text: c.pool.base.toLowerCase(), link: false },
      { text: c.pool.base.toLowerCase(), link: true },
      ...c.aliases.flatMap((al) => [{ text: al, link: false }, { text: al, link: true }]),
      ...(c.title ? [{ text: c.title, link: false }, { text: c.title.toLowerCase(), link: false }, { text: c.title, link: true }] : []),
      { text: "Tern", link: false },
      { text: "Tern", link: true },
    ];
    return forms[b % forms.length]!;
  };
  const personName = (a: number, b: number): string | null => {
    if (people.length === 0) return null;
    const p = people[a % people.length]!;
    const forms = [p.base, p.base, p.base.toLowerCase(), ...p.aliases, `People/${p.base}`, `/People/${p.base}`, `../People/${p.base}`, `./${p.base}`];
    return forms[b % forms.length]!;
  };
  const tok = (t: TokSpec, inItem: boolean): Tok | null => {
    switch (t.k) {
      case 0:
      case 1:
      case 2:
      case 3:
        return { k: "w", s: WORDS[(t.a + t.k * 7) % WORDS.length]! };
      case 4:
      case 5: {
        // A term, possibly glued to a letter, digit or punctuation.
        const c = customers[t.a % customers.length]!;
        const terms = [c.pool.base, c.pool.base, ...c.aliases, ...(c.title ? [c.title] : []), c.pool.base.toUpperCase(), c.pool.base.replace(" ", "  "), c.pool.base.normalize("NFD")];
        const glue: Array<[string, string]> = [["", ""], ["", ""], ["", "'s"], ["", "s"], ["x", ""], ["", "-based"], ["", "2"], ["(", ")"], ["", "株式会社"], ["日本", ""], ["", "の"], ["", "é"]];
        const [pre, post] = glue[t.b % glue.length]!;
        return { k: "term", s: terms[Math.floor(t.b / glue.length) % terms.length]!, pre, post };
      }
      case 6: {
        const target = personName(t.a, t.b);
        if (target === null) return { k: "w", s: "someone" };
        return { k: "link", target, heading: null, shown: t.b % 3 === 0 ? "them" : null };
      }
      case 7: {
        // A markdown link to a person's note: escaped, or in angle brackets.
        const target = personName(t.a, t.b);
        if (target === null) return { k: "w", s: "someone" };
        const href = t.a % 2 === 0 ? `${target.replace(/ /g, "%20")}.md` : `<${target}.md>`;
        return { k: "md", text: t.b % 3 === 0 ? "them" : target.split("/").pop()!, href };
      }
      case 8: {
        const n = custName(t.a, t.b);
        const [target, shown] = n.text.split("|");
        return { k: "link", target: target!, heading: t.b % 4 === 1 ? "Pricing" : null, shown: shown ?? (t.b % 5 === 2 ? "the client" : null) };
      }
      case 9:
        if (projects.length === 0) return { k: "w", s: "project" };
        return { k: "link", target: projects[t.a % projects.length]!.base, heading: null, shown: null };
      case 10:
        // A self-link `[[#…]]` in an item becomes `[[{source link}#…]]` (§6).
        if (inItem && t.b % 2 === 1) return { k: "link", target: "", heading: "Details", shown: null };
        return { k: "link", target: "Nobody", heading: null, shown: null };
      case 11: {
        const w = t.a % 2 === 0 ? WORDS[t.b % WORDS.length]! : customers[t.b % customers.length]!.pool.base;
        return { k: "code", s: w };
      }
      case 12: {
        const w = t.a % 2 === 0 ? WORDS[t.b % WORDS.length]! : customers[t.b % customers.length]!.pool.base;
        return { k: "emph", s: w, mark: ["**", "*", "_", "==", "~~"][t.a % 5]! };
      }
      case 13: {
        const c = customers[t.b % customers.length]!.pool.base;
        return t.a % 2 === 0 ? { k: "ext", text: `${c} site`, url: "https://example.com/x" } : { k: "ext", text: "site", url: `https://example.com/${encodeURIComponent(c)}` };
      }
      default:
        return inItem ? { k: "tag", s: TAGS[t.a % TAGS.length]! } : { k: "w", s: "misc" };
    }
  };
  const toks = (ts: readonly TokSpec[], inItem = false): Tok[] => ts.map((t) => tok(t, inItem)).filter((t): t is Tok => t !== null);
  const fmRef = (t: TokSpec): FmVal => {
    const n = custName(t.a, t.b);
    if (n.link) return t.k % 3 === 0 ? { k: "quoted", s: `[[${n.text}]]` } : t.k % 3 === 1 ? { k: "list", items: [`[[${n.text}]]`] } : { k: "raw", s: `[[${n.text}]]` };
    return { k: "plain", s: n.text };
  };

  const files: GNote[] = [];
  const used = new Set<string>();
  const add = (n: GNote): void => {
    if (used.has(n.path.toLowerCase())) return;
    used.add(n.path.toLowerCase());
    files.push(n);
  };

  const customerPaths: string[] = [];
  for (const c of customers) {
    const base = c.pool.base;
    const place = c.spec.place;
    const path = c.path;
    const fm: Array<[string, FmVal]> = [];
    if (place === 1 || place === 3) fm.push(["type", { k: "plain", s: "customer" }]);
    // §2 rule 2 (kepano's categories), and rule 1's first element that names a kind.
    if (place === 4) fm.push(["categories", { k: "list", items: [c.spec.alias % 2 === 0 ? "[[Customers]]" : "[[Companies]], [[Customers]]"] }]);
    if (place === 5) fm.push(["type", { k: "list", items: ["client", "Account"] }]);
    if (c.aliases.length > 0) fm.push(["aliases", { k: "list", items: c.aliases }]);
    if (c.title) fm.push(["title", { k: "plain", s: c.title }]);
    if (c.spec.status >= 1) fm.push(["status", { k: "plain", s: c.spec.status === 1 ? "Active" : "At risk" }]);
    if (c.spec.status >= 2) fm.push(["Industry", c.spec.status === 2 ? { k: "list", items: ["Tech", "AI"] } : { k: "plain", s: "Retail" }]);
    if (c.spec.status >= 3) fm.push(["tier", { k: "plain", s: "2" }], ["owner", { k: "quoted", s: "A | B" }], ["stage", { k: "list", items: [] }]);
    const contacts = c.spec.contacts.map((i) => PEOPLE[i]!.base).filter((b) => people.some((p) => p.base === b));
    // Every link of an entry counts (README): one with a role after it, or two in one entry.
    const contactItems = contacts.length === 1 ? [`[[${contacts[0]}]] (CTO)`] : contacts.length > 1 ? [contacts.map((b) => `[[${b}]]`).join(", ")] : [];
    const projs = c.spec.projects.map((i) => PROJECTS[i]!).filter((b) => projects.some((p) => p.base === b));
    // A project listed under `projects`, or under `contacts` (§5: either list makes it the customer's);
    // a plain name, tried as a link (README).
    if (projs.length > 0 && c.spec.status % 2 === 0) fm.push(["projects", { k: "list", items: projs.map((b) => `[[${b}]]`) }]);
    if (projs.length > 0 && c.spec.status % 2 === 1) contactItems.push(...projs.map((b) => `[[${b}]]`), c.spec.status === 1 ? "bo" : "Rory");
    if (contactItems.length > 0) fm.push(["contacts", { k: "list", items: contactItems }]);
    if (c.spec.mentionsOff) fm.push(["mentions", { k: "plain", s: "false" }]);
    if (c.spec.otherContact && customers.length > 1) {
      const other = customers.find((o) => o !== c)!.pool.base;
      const at = fm.findIndex(([k]) => k === "contacts");
      if (at >= 0) fm[at] = ["contacts", { k: "list", items: [...(fm[at]![1] as { items: string[] }).items, `[[${other}]]`] }];
      else fm.push(["contacts", { k: "list", items: [`[[${other}]]`] }]);
    }
    if (spec.page === 3) fm.push(["last_contact", { k: "plain", s: "2020-01-01" }]);
    add({ path, fm: fm.length > 0 || spec.page === 2 ? fm : null, blocks: [{ k: "heading", level: 1, raw: base, toks: null }, ...(spec.page === 1 ? [{ k: "para" as const, lines: [[{ k: "w" as const, s: "notes" }]] }] : [])] });
    customerPaths.push(path);
  }
  const ROLES = [null, "CTO", "PM", "R&D | Ops", "Eng"];
  for (const p of people) {
    const s = p.spec!;
    const path = s.place >= 2 ? `Team/${p.base}.md` : `People/${p.base}.md`;
    const K = (k: string): string => (s.caps ? k[0]!.toUpperCase() + k.slice(1) : k);
    const fm: Array<[string, FmVal]> = [];
    if (s.place === 2) fm.push(["type", { k: "plain", s: "person" }]);
    if (s.place === 3) fm.push(["tags", { k: "plain", s: "team, type/person" }]);
    if (s.place === 4) fm.push(["type", { k: "quoted", s: "[[Contact]]" }]);
    if (p.aliases.length > 0) {
      if (s.aliasForm === 0) fm.push([K("aliases"), { k: "list", items: p.aliases }]);
      else if (s.aliasForm === 1) fm.push([K("aliases"), { k: "plain", s: p.aliases.join(", ") }]);
      else fm.push([K("alias"), { k: "list", items: p.aliases }]);
    }
    const ref = fmRef(s.ref);
    const val: FmVal = s.second ? { k: "list", items: [...(ref.k === "list" ? ref.items : [ref.s]), `[[${custName(s.second.a, s.second.b).text}]]`] } : ref;
    if (s.key === 0 || s.key === 1) fm.push([K("company"), val]);
    else if (s.key === 2) fm.push([K("organization"), val]);
    else if (s.key === 3) fm.push([K("company"), { k: "plain", s: "Tern" }], [K("organization"), val]);
    else if (s.key === 4) fm.push([K("org"), val]);
    else if (s.key === 5) {
      const empty: FmVal[] = [{ k: "plain", s: "" }, { k: "quoted", s: "" }, { k: "list", items: [] }];
      fm.push([K("company"), empty[s.role % 3]!], [K("organization"), val]);
    }
    const role = ROLES[s.role]!;
    if (role) fm.push([K("role"), role.includes("|") ? { k: "quoted", s: role } : { k: "plain", s: role }]);
    add({ path, fm, blocks: [{ k: "para", lines: [[{ k: "w", s: "notes" }]] }] });
  }
  if (spec.twin && people.some((p) => p.base === "Dana")) {
    add({ path: "Team/Dana.md", fm: [["type", { k: "plain", s: "person" }], ["company", fmRef(spec.twin)], ["role", { k: "plain", s: "Twin" }]], blocks: [{ k: "para", lines: [[{ k: "w", s: "notes" }]] }] });
  }
  for (const p of projects) {
    const s = p.spec!;
    const key = ["customer", "account", "company", null, "account"][s.key]!;
    const fm: Array<[string, FmVal]> = key ? [[key, fmRef(s.ref)]] : [["status", { k: "plain", s: "open" }]];
    // An empty `customer:` before the key that names the customer.
    if (s.key === 4) fm.unshift(["customer", { k: "plain", s: "" }]);
    add({ path: `Projects/${p.base}.md`, fm, blocks: [{ k: "para", lines: [[{ k: "w", s: "plan" }]] }] });
  }

  spec.notes.forEach((n, ni) => {
    const [y, m, d] = DATES[n.date]!;
    const ymd = `${y}-${pad(m)}-${pad(d)}`;
    const title = TITLES[n.title]!;
    const ord = d === 1 ? "st" : d === 22 ? "nd" : d === 3 ? "rd" : "th";
    const firstCustomer = customers[n.title % customers.length]!.pool.base;
    const names = [
      `${ymd} - ${title}`,
      `${title} ${ymd}`,
      `${y}${pad(m)}${pad(d)} ${title}`,
      `${MON[m - 1]} ${d}${ord}, ${y}`,
      `${y}-${pad(m)} - ${title}`,
      title,
      ymd,
      `2025-02-30 - ${title}`,
      `${firstCustomer} ${title.toLowerCase()} ${ymd}`,
      `${title} notes`,
      `${ymd} 1303 - New Recording`,
      `${MONTH[m - 1]!.toLowerCase()} ${d}${ord}, ${y}`,
      `${y}${pad(m)}${pad(d)}1 ${title}`,
    ];
    const base = names[n.form]!;
    const cust = customers[n.folder % customers.length]!.pool.base;
    const folder = ["Meetings", "Notes", "Daily", `Customers/${cust}`, "Notes", "Meetings"][n.folder]!;
    const fm: Array<[string, FmVal]> = [];
    const K = (k: string): string => (n.caps ? k[0]!.toUpperCase() + k.slice(1) : k);
    const dates: Array<FmVal | null> = [
      null,
      null,
      null,
      { k: "plain", s: "2025-10-21" },
      { k: "quoted", s: "[[2025-10-19]]" },
      { k: "plain", s: "2025-02-30" },
      { k: "plain", s: "2025-09" },
      null,
      null,
      null,
      { k: "plain", s: "20251016" },
      { k: "plain", s: "2025-10-15T09:30:00" },
      { k: "plain", s: "Oct 14th, 2025" },
    ];
    const dv = dates[n.fmDate];
    if (dv) fm.push([K("date"), dv]);
    if (n.fmDate === 7) fm.push(["meeting_date", n.caps ? { k: "quoted", s: "[[Oct 13th, 2025]]" } : { k: "plain", s: "2025-10-18" }]);
    if (n.fmDate === 8) fm.push([K("created"), { k: "plain", s: n.caps ? "2025-08" : "2025-10-17" }]);
    if (n.type) fm.push([K("type"), { k: "plain", s: "meeting" }]);
    const key = [null, null, null, "customer", "org", "company", "account", "organization", null][n.key];
    if (key) fm.push([K(key), fmRef(n.ref)]);
    const att = n.attendees.map((t) => (t.k % 4 === 0 ? personName(t.a, t.b) : personName(t.a, t.b) && `[[${personName(t.a, t.b)}]]`)).filter((x): x is string => x !== null);
    if (att.length > 0) fm.push(["attendees", { k: "list", items: att }]);
    // Plain words, terms and wikilinks only: the model cleans a frontmatter summary as a string.
    if (n.summary) fm.push([K(n.key === 8 ? "description" : "summary"), { k: "quoted", s: renderToksPlain(toks(n.summary).filter((t) => t.k === "w" || t.k === "term" || t.k === "link")) }]);
    const topics: Array<FmVal | null> = [null, null, null, { k: "list", items: ["Storage", "Pricing"] }, { k: "plain", s: "storage, Budget" }, { k: "list", items: ["[[Storage]]", "pricing"] }, { k: "list", items: ["[[Maya]]", "Storage"] }];
    const tv = topics[n.topics];
    if (tv) fm.push([K("topics"), tv]);
    const blocks: Block[] = [];
    for (const b of n.blocks) {
      if (b.k === "para") {
        // A line that is only bold text is a bold line (§6), generated as such.
        const lines = b.lines.map((l) => toks(l)).map((l) => (l.length === 1 && l[0]!.k === "emph" ? [...l, { k: "w" as const, s: "notes" }] : l));
        blocks.push({ k: "para", lines: lines.filter((l) => l.length > 0), tight: b.tight });
      }
      else if (b.k === "heading") {
        const raw = HEADINGS[b.name]!;
        const setext = b.setext && b.level <= 2 && !raw.endsWith("#");
        blocks.push({ k: "heading", level: b.level, raw, toks: b.toks ? toks(b.toks) : null, setext });
      }
      else if (b.k === "bold") blocks.push({ k: "bold", line: BOLDS[b.name]![0], name: BOLDS[b.name]![1] });
      else {
        const items: GItem[] = b.items.map((it, i) => {
          const phrase = PHRASES[it.phrase]!;
          const variants = [phrase, phrase, `${phrase}.`, phrase.toLowerCase(), `${phrase.toUpperCase()};`, phrase.replace(" ", "  "), ""];
          const words: Tok[] = variants[it.variant] === "" ? [] : [{ k: "w", s: variants[it.variant]! }];
          const extra = it.extra ? tok(it.extra, true) : null;
          if (extra) words.push(extra);
          // "ab": no task (§6: one character in the brackets), an item whose text starts `[ab] `.
          const box = ([null, " ", "x", "X", "-", "/", "ab"] as const)[it.box]!;
          if (it.tag < TAGS.length && (box === null || box === "ab")) {
            const tag: Tok = { k: "tag", s: TAGS[it.tag]! };
            if (it.tagAt === 0) words.unshift(tag);
            else if (it.tagAt === 1) words.push(tag);
            else words.splice(1, 0, tag);
          }
          // An item that is only bold text is an outline's label (README, Outlines): a corner of its own.
          if (words.length === 1 && words[0]!.k === "emph" && (words[0]!.mark === "**" || words[0]!.mark === "__")) words.push({ k: "w", s: "notes" });
          // An item with no text at all is a markdown corner (after a paragraph, `-` alone is a setext underline).
          if (words.length === 0 && box === null && !(it.emoji < EMOJI.length)) words.push({ k: "w", s: phrase });
          return {
            depth: i === 0 ? 0 : it.depth,
            marker: (["-", "*", "+", "1.", "1)"] as const)[it.marker]!,
            box,
            emoji: it.emoji < EMOJI.length ? EMOJI[it.emoji]! : null,
            toks: words,
            blockId: it.blockId ? `b${ni}${i}` : null,
          };
        });
        blocks.push({ k: "items", items });
      }
    }
    add({
      path: `${folder}/${base}.md`,
      fm: fm.length > 0 ? fm : null,
      blocks: blocks.filter((b) => b.k !== "para" || b.lines.length > 0),
      ...(fm.length > 0 && n.bad === 0 ? { invalidFm: "duplicate" as const } : n.bad === 1 ? { invalidFm: "syntax" as const } : {}),
    });
  });
  const acme = customers[0]!.pool.base;
  const EXTRAS: GNote[] = [
    // Excluded: a twin of the notes' names, a note naming a customer, a "person" with an alias.
    { path: "Archive/Sync.md", fm: null, blocks: [{ k: "para", lines: [[{ k: "link", target: acme, heading: null, shown: null }]] }] },
    { path: "Archive/Old call.md", fm: [["customer", { k: "quoted", s: `[[${acme}]]` }]], blocks: [{ k: "para", lines: [[{ k: "term", s: acme, pre: "", post: "" }]] }] },
    { path: "Archive/Zed.md", fm: [["type", { k: "plain", s: "person" }], ["company", { k: "plain", s: acme }], ["aliases", { k: "list", items: ["Maya", "Zeddy"] }]], blocks: [] },
    // Empty notes named like aliases: §3 step 5 wins over them.
    { path: "Notes/Rory.md", fm: null, blocks: [] },
    { path: "ACME Inc.md", fm: null, blocks: [] },
    { path: "Notes/Maya.md", fm: null, blocks: [] },
  ];
  for (const e of spec.extras) add(EXTRAS[e]!);
  const out: Record<string, string> = {};
  for (const n of files) out[n.path] = renderNote(n);
  return {
    notes: files,
    files: out,
    customers: customerPaths.filter((p) => files.some((n) => n.path === p)),
    settings: { sourceLinks: spec.settings.sourceLinks, checkboxes: spec.settings.checkboxes, ignored: [[], ["Bo"], ["maya"], ["People/Dana"], []][spec.settings.ignored]! },
  };
}

function renderToksPlain(ts: readonly Tok[]): string {
  return ts.map(renderTok).join(" ");
}
