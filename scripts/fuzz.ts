// npm run fuzz -- --seconds N [--seed S] [--slow-ms T] [--targets parse,splice-oracle,splice-wild,engine,engine-settings,lone-cr,stretch]
//
// Feeds random markdown to the engine until the time is up and reports, for each kind of failure,
// the first (shrunk) input that shows it:
//   parse          random notes → parseNote: no exception, not slow
//   splice-oracle  generated pages (tests/reliability/page-model.ts) → splicePage, checked against
//                  the independent reader: kept bytes, layout, frontmatter, idempotence, line endings
//   splice-wild    random notes as pages → splicePage: no exception, idempotent, no kept line lost
//   engine         a random customer page and random related notes → renderPage twice (a real
//                  regeneration round, harvested text included): idempotent, no kept line lost
//   engine-settings  the same with random settings (Account Status keys, managed sections, section
//                  names, limits, source links, checkboxes, mentions, ignored people)
//   lone-cr        notes and pages with lone-CR line ends: such a page spliced and regenerated as
//                  Obsidian shows it, idempotent, each line kept byte for byte with its own line
//                  end (a lone CR ends a line); no lone CR written onto another page from such
//                  notes; kept lines and line endings as in engine
//   stretch        one snippet repeated n and 4n times in a context → parse, splice, render: a run
//                  that grows much faster than its input (catastrophic backtracking, quadratic loops)
// Exits 1 when anything failed. Not part of `npm test`.
import fc from "fast-check";
import { performance } from "node:perf_hooks";
import { parseIsoDay } from "../src/core/dates";
import { renderPage } from "../src/core/engine";
import { firstLineAt } from "../src/core/markdown";
import { parseNote } from "../src/core/note";
import { DEFAULT_SETTINGS, mergeSettings, SECTION_IDS, type Settings } from "../src/core/settings";
import { findSections, splicePage } from "../src/core/splice";
import { crAsLf } from "../src/core/text";
import { VaultIndex } from "../src/core/vault-index";
import { wildNote, wildText } from "../tests/reliability/markdown-gen";
import { bodies, lastContact, page, pageOpenAtEnd, type Bodies } from "../tests/reliability/page-model";
import { checkSplice } from "../tests/reliability/splice-check";

const args = process.argv.slice(2);
const arg = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : def;
};
const seconds = Number(arg("--seconds", "60"));
const baseSeed = Number(arg("--seed", String(Date.now() % 2_147_483_647)));
const slowMs = Number(arg("--slow-ms", "2000"));
const targets = arg("--targets", "parse,splice-oracle,splice-wild,engine,engine-settings,lone-cr,stretch").split(",");

const S = DEFAULT_SETTINGS;
const TODAY = parseIsoDay("2025-06-01")!;
const PAGE = "Customers/Acme.md";

interface Failure {
  target: string;
  kind: string;
  input: string;
  detail: string;
  count: number;
}
const failures = new Map<string, Failure>();
const runs = new Map<string, number>();

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

class Problem extends Error {
  constructor(
    readonly kind: string,
    detail: string,
  ) {
    super(detail);
  }
}

function slowCheck(what: string, ms: number): void {
  if (ms > slowMs) throw new Problem(`slow ${what}`, `${what} took ${ms.toFixed(0)} ms (threshold ${slowMs} ms)`);
}

/** Non-blank lines outside managed bodies, as the engine itself reads the page. */
function keptLines(text: string, settings: Settings = S): string[] {
  const L = findSections(text, settings);
  const n = L.lineStart.length;
  const nLines = L.lineStart[n - 1] === text.length ? n - 1 : n;
  if (L.bodyStart >= text.length) return [];
  const first = firstLineAt(L.lineStart, L.bodyStart);
  const managed: Array<[number, number]> = L.sections.filter((s) => s.id !== null).map((s) => [s.bodyStartLine, s.bodyEndLine]);
  const out: string[] = [];
  for (let l = first; l < nLines; l++) {
    if (managed.some(([a, b]) => l >= a && l < b)) continue;
    const line = text.slice(Math.max(L.lineStart[l]!, L.bodyStart), L.lineStart[l + 1] ?? text.length).replace(/\r?\n$/, "");
    if (line.trim() !== "") out.push(line);
  }
  return out;
}

function checkKept(before: string, after: string, settings: Settings = S): void {
  // Both sides are compared without their line ends — a lone CR is one (findSections reads the page
  // so, B42-D) — and without the BOM, which keptLines leaves out too (the body starts after it).
  const want = keptLines(before, settings).map((l) => l.replace(/\r$/, ""));
  const got = after.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  let j = 0;
  for (const line of want) {
    while (j < got.length && got[j] !== line) j++;
    if (j >= got.length) throw new Problem("kept line lost", `line ${JSON.stringify(line)} is not in the output (in order):\n${JSON.stringify(after)}`);
    j++;
  }
}

/** The text's lines, each with its own line break: LF, CRLF or a lone CR (crAsLf: one code unit for one). */
function linesWithEnds(text: string): string[] {
  const lf = crAsLf(text);
  const out: string[] = [];
  for (let s = 0; s < text.length; ) {
    const nl = lf.indexOf("\n", s);
    const e = nl < 0 ? text.length : nl + 1;
    out.push(text.slice(s, e));
    s = e;
  }
  return out;
}

/**
 * B42-D: every non-blank line outside the managed bodies (the frontmatter aside) is in the output, in
 * order, byte for byte with its own line end — a lone CR stays a lone CR, not the start of a CRLF, and
 * a CRLF or LF stays as it was. Only the page's last line, when it has none, may get one.
 */
function checkKeptBytes(before: string, after: string, settings: Settings = S): void {
  const L = findSections(before, settings);
  const n = L.lineStart.length;
  const nLines = L.lineStart[n - 1] === before.length ? n - 1 : n;
  if (L.bodyStart >= before.length) return;
  const managed: Array<[number, number]> = L.sections.filter((s) => s.id !== null).map((s) => [s.bodyStartLine, s.bodyEndLine]);
  const got = linesWithEnds(after.replace(/^\uFEFF/, ""));
  let j = 0;
  for (let l = firstLineAt(L.lineStart, L.bodyStart); l < nLines; l++) {
    if (managed.some(([a, b]) => l >= a && l < b)) continue;
    const line = before.slice(Math.max(L.lineStart[l]!, L.bodyStart), L.lineStart[l + 1] ?? before.length);
    if (line.trim() === "") continue;
    const ended = /[\r\n]$/.test(line);
    const same = (g: string): boolean => g === line || (!ended && g.startsWith(line) && /^(?:\r\n?|\n)$/.test(g.slice(line.length)));
    while (j < got.length && !same(got[j]!)) j++;
    if (j >= got.length) throw new Problem("kept line changed", `line ${JSON.stringify(line)} is not in the output, byte for byte (in order):\n${JSON.stringify(after)}`);
    j++;
  }
}

function checkEol(before: string, after: string): void {
  const bare = /(^|[^\r])\n/;
  if (before.includes("\r\n") && !bare.test(before) && bare.test(after)) throw new Problem("bare LF in a CRLF page", JSON.stringify(after));
}

// ---- targets ----

const parseProp = fc.property(wildNote, (text) => {
  const r = timed(() => parseNote("Meetings/2025-01-02 Call.md", text, S));
  slowCheck("parseNote", r.ms);
});

const oracleProp = fc.property(fc.oneof(page, pageOpenAtEnd), bodies, lastContact, (p, b, lc) => {
  const problems = checkSplice(p.text, b, lc, p.fm);
  if (problems.length > 0) throw new Problem(signature(problems[0]!), problems.join("\n"));
});

const spliceWildProp = fc.property(wildNote, bodies, lastContact, (text, b: Bodies, lc) => {
  const once = timed(() => splicePage(text, b, S, lc).text);
  slowCheck("splicePage", once.ms);
  const again = splicePage(once.value, b, S, lc).text;
  if (again !== once.value) throw new Problem("splice not idempotent", `first:  ${JSON.stringify(once.value)}\nsecond: ${JSON.stringify(again)}`);
  checkKept(text, once.value);
  checkEol(text, once.value);
});

const PERSON = '---\ncompany: "[[Acme]]"\nrole: CTO\n---\n';
/** One regeneration round of a customer page with random related notes: idempotent, no kept line lost. */
function engineRound(pageText: string, meeting: string, other: string, settings: Settings): void {
  const files = [
    { path: PAGE, text: pageText },
    { path: "Customers/Acme/2025-01-02 Call.md", text: meeting },
    { path: "Meetings/2025-01-03 Sync.md", text: `[[Ann]] and [[Acme]]\n\n${other}` },
    { path: "People/Ann.md", text: PERSON },
  ];
  const index = VaultIndex.build(files, settings);
  if (!index.isCustomer(PAGE)) return;
  const r1 = timed(() => renderPage(index, PAGE, pageText, TODAY));
  slowCheck("renderPage", r1.ms);
  index.set(PAGE, r1.value.text);
  const r2 = renderPage(index, PAGE, r1.value.text, TODAY);
  if (r2.text !== r1.value.text) throw new Problem("regeneration not idempotent", `first:  ${JSON.stringify(r1.value.text)}\nsecond: ${JSON.stringify(r2.text)}`);
  checkKept(pageText, r1.value.text, settings);
  checkEol(pageText, r1.value.text);
}

const engineProp = fc.property(wildNote, wildNote, wildNote, (pageText, meeting, other) => engineRound(pageText, meeting, other, S));

/** Settings as a user could store them (data.json), through the same merge the plugin and CLI use. */
const storedSettings = fc
  .record(
    {
      accountStatusKeys: fc.subarray(["status", "industry", "last_contact", "type", "summary", "aliases", "Tier"]),
      managedSections: fc.dictionary(fc.constantFrom(...SECTION_IDS), fc.boolean()),
      sectionNames: fc.dictionary(fc.constantFrom(...SECTION_IDS), fc.constantFrom("Notes", "Facts", "Key Facts", "Open Tasks", "Acme", "Status")),
      limits: fc.record({ recentContext: fc.nat(3), keyFacts: fc.nat(3), topics: fc.nat(3), opportunities: fc.nat(3), keyDecisions: fc.nat(3) }, { requiredKeys: [] }),
      sourceLinks: fc.boolean(),
      openTasksAsCheckboxes: fc.boolean(),
      mentions: fc.boolean(),
      ignoredPeople: fc.subarray(["Ann", "[[Ann]]", "ann"]),
    },
    { requiredKeys: [] },
  )
  .map((raw) => mergeSettings(raw).settings);

const engineSettingsProp = fc.property(storedSettings, wildNote, wildNote, wildNote, (settings, pageText, meeting, other) =>
  engineRound(pageText, meeting, other, settings),
);

/**
 * A random note with some of its line ends made lone CRs (classic Mac OS, or mixed), or a CR put
 * inside a line: the fuzzer's other notes hold LF and CRLF only.
 */
const LONE_CR = /\r(?!\n)/;
const loneCrNote = fc.tuple(wildNote, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.boolean()).map(([text, picks, all]) => {
  const ends: number[] = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) if (text[i - 1] !== "\r" && text[i + 1] !== "\n") ends.push(i);
  let out = text;
  const chosen = all ? ends : picks.map((k) => ends[k % ends.length]!);
  for (const i of chosen) out = out.slice(0, i) + "\r" + out.slice(i + 1);
  // wildText may hold a CR of its own; a note the generator made none in is marked by one at its end.
  return LONE_CR.test(out) ? out : `${out}\rx`;
});

/**
 * B42-D (B40-C gave such a page back as it was, with a warning): a customer page with a lone CR is
 * spliced and regenerated as Obsidian shows it, idempotent, each line outside the managed bodies
 * kept byte for byte with its own line end; a page without one never gets one from notes that have
 * them (guardLine). wildNote's text may hold a lone CR too, so a page is told by what it holds.
 */
const loneCrProp = fc.property(loneCrNote, bodies, lastContact, wildNote, loneCrNote, loneCrNote, (crPage, b: Bodies, lc, lfPage, meeting, other) => {
  const once = timed(() => splicePage(crPage, b, S, lc).text);
  slowCheck("splicePage", once.ms);
  const again = splicePage(once.value, b, S, lc).text;
  if (again !== once.value) throw new Problem("lone-CR page: splice not idempotent", `first:  ${JSON.stringify(once.value)}\nsecond: ${JSON.stringify(again)}`);
  checkKeptBytes(crPage, once.value);
  checkEol(crPage, once.value);
  for (const pageText of [crPage, lfPage]) {
    const files = [
      { path: PAGE, text: pageText },
      { path: "Customers/Acme/2025-01-02 Call.md", text: meeting },
      { path: "Meetings/2025-01-03 Sync.md", text: `[[Ann]] and [[Acme]]\r${other}` },
      { path: "People/Ann.md", text: PERSON },
    ];
    const index = VaultIndex.build(files, S);
    if (!index.isCustomer(PAGE)) continue;
    const r = timed(() => renderPage(index, PAGE, pageText, TODAY));
    slowCheck("renderPage", r.ms);
    if (LONE_CR.test(pageText)) {
      index.set(PAGE, r.value.text);
      const r2 = renderPage(index, PAGE, r.value.text, TODAY);
      if (r2.text !== r.value.text) throw new Problem("lone-CR page: regeneration not idempotent", `first:  ${JSON.stringify(r.value.text)}\nsecond: ${JSON.stringify(r2.text)}`);
      checkKeptBytes(pageText, r.value.text);
      checkEol(pageText, r.value.text);
    } else {
      if (LONE_CR.test(r.value.text)) throw new Problem("lone CR written onto a page", JSON.stringify(r.value.text));
      checkKept(pageText, r.value.text);
      checkEol(pageText, r.value.text);
    }
  }
});

/** The first words of a checkSplice problem, without the section or heading it names. */
function signature(problem: string): string {
  return problem
    .replace(/^section \w+:/, "section:")
    .replace(/^\(c\) body of \w+/, "(c) body")
    .replace(/(:| \{|heading|body of|text before).*$/s, "")
    .trim();
}

// ---- stretch: does the time grow like the input? ----

const SNIPPETS = [
  "[",
  "[[",
  "](",
  "`",
  "``",
  "*",
  "**",
  "_",
  "%%",
  "<!--",
  "$$",
  "|",
  "#",
  "![[",
  "~~a ",
  "==a ",
  "[[a]] [b](c) ",
  "Acme ",
  " ",
  "\t",
  ".",
  " .",
  "**a",
  "__a",
  "<a ",
  "[a](",
  "[a](b \"",
  "%41",
  "\\",
  " ^a",
  "$$a\n",
  "%%a\n",
  "[[a\n",
  "# h `c`\n",
  "a %%c%% b\n",
  "- a %%c%% b\n",
  "- [ ] a\n",
  "> a\n",
  ">",
  "- ",
  "  - a\n",
];
const CONTEXTS: Array<[string, (s: string) => string]> = [
  ["paragraph", (s) => `Call with Acme. ${s}end\n`],
  ["heading", (s) => `# a${s}b\n`],
  ["list item", (s) => `## Key Facts\n- a  ${s}b\n`],
  ["task", (s) => `- [ ] a ${s}b\n`],
  ["quote", (s) => `> ${s}\n`],
  ["table", (s) => `| a |\n|-|${s}x\n`],
  ["frontmatter summary", (s) => `---\nsummary: "${s.replace(/["\\\n\r]/g, " ")}"\n---\nBody.\n`],
  // As many keys as the repeated text has characters / 6, then a line that sends it to the YAML library.
  ["frontmatter keys", (s) => `---\n${Array.from({ length: Math.floor(s.length / 6) }, (_, i) => `k${i}: v`).join("\n")}\nbad: [\n---\n`],
  ["topics", (s) => `## Topics\n- ${s}x\n`],
];

function stretchOnce(rng: () => number): void {
  const useWild = rng() < 0.3;
  const snippet = useWild ? fc.sample(wildText, { numRuns: 1, seed: Math.floor(rng() * 1e9) })[0]! || "x" : SNIPPETS[Math.floor(rng() * SNIPPETS.length)]!;
  const [ctxName, ctx] = CONTEXTS[Math.floor(rng() * CONTEXTS.length)]!;
  const n1 = Math.max(1, Math.ceil(6000 / snippet.length));
  const measure = (n: number): { parse: number; splice: number; render: number; text: string } => {
    const text = ctx(snippet.repeat(n));
    const parse = timed(() => parseNote("Customers/Acme/2025-01-02 Call.md", text, S)).ms;
    const splice = timed(() => splicePage(text, { keyFacts: ["- a"] }, S, "2025-01-02")).ms;
    const index = VaultIndex.build(
      [
        { path: PAGE, text: "# Acme\n" },
        { path: "Customers/Acme/2025-01-02 Call.md", text },
      ],
      S,
    );
    const render = timed(() => renderPage(index, PAGE, "# Acme\n", TODAY)).ms;
    return { parse, splice, render, text };
  };
  const a = measure(n1);
  const b = measure(4 * n1);
  for (const k of ["parse", "splice", "render"] as const) {
    const grows = b[k] > 150 && b[k] / Math.max(a[k], 1) > 9;
    if (grows || b[k] > slowMs) {
      const kind = `superlinear ${k} (${ctxName})`;
      // The keys context makes the same frontmatter whatever the snippet: one report for all.
      const key = `stretch\u0000${kind}\u0000${useWild ? "wild" : ctxName === "frontmatter keys" ? "" : snippet}`;
      const f = failures.get(key);
      if (f) f.count++;
      else
        failures.set(key, {
          target: "stretch",
          kind,
          input: `${JSON.stringify(snippet)} × n in ${ctxName}`,
          detail: `${k}: n=${n1} ${a[k].toFixed(0)} ms, n=${4 * n1} ${b[k].toFixed(0)} ms (input ${b.text.length} chars)`,
          count: 1,
        });
    }
  }
}

// ---- the loop ----

function record(target: string, e: unknown, input: unknown): void {
  const kind = e instanceof Problem ? e.kind : `exception: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
  const key = `${target}\u0000${kind}`;
  const f = failures.get(key);
  if (f) {
    f.count++;
    return;
  }
  const detail = e instanceof Error ? (e instanceof Problem ? e.message : (e.stack ?? e.message)) : String(e);
  failures.set(key, { target, kind, input: JSON.stringify(input), detail, count: 1 });
  process.stdout.write(`FAIL [${target}] ${kind}\n`);
}

const props: Record<string, fc.IProperty<unknown[]>> = {
  parse: parseProp as unknown as fc.IProperty<unknown[]>,
  "splice-oracle": oracleProp as unknown as fc.IProperty<unknown[]>,
  "splice-wild": spliceWildProp as unknown as fc.IProperty<unknown[]>,
  engine: engineProp as unknown as fc.IProperty<unknown[]>,
  "engine-settings": engineSettingsProp as unknown as fc.IProperty<unknown[]>,
  "lone-cr": loneCrProp as unknown as fc.IProperty<unknown[]>,
};

const started = performance.now();
const deadline = started + seconds * 1000;
process.stdout.write(`fuzz: seed ${baseSeed}, ${seconds} s, targets ${targets.join(", ")}, slow threshold ${slowMs} ms\n`);
let seed = baseSeed;
let rngState = baseSeed >>> 0 || 1;
const rng = (): number => {
  rngState ^= rngState << 13;
  rngState ^= rngState >>> 17;
  rngState ^= rngState << 5;
  return (rngState >>> 0) / 4294967296;
};
while (performance.now() < deadline) {
  for (const target of targets) {
    if (performance.now() >= deadline) break;
    if (target === "stretch") {
      stretchOnce(rng);
      runs.set(target, (runs.get(target) ?? 0) + 1);
      continue;
    }
    const prop = props[target];
    if (!prop) throw new Error(`unknown target ${target}`);
    seed++;
    const details = fc.check(prop, { numRuns: 100, seed, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false });
    runs.set(target, (runs.get(target) ?? 0) + details.numRuns);
    if (details.failed) record(target, details.errorInstance, details.counterexample);
  }
}

const elapsed = (performance.now() - started) / 1000;
process.stdout.write(`\nfuzz: ${elapsed.toFixed(0)} s, ${[...runs].map(([t, n]) => `${t} ${n}`).join(", ")} inputs\n`);
if (failures.size === 0) {
  process.stdout.write("no failures\n");
} else {
  process.stdout.write(`${failures.size} kind(s) of failure:\n\n`);
  for (const f of failures.values()) {
    const clip = (s: string): string => (s.length > 3000 ? s.slice(0, 3000) + ` … (${s.length} chars)` : s);
    process.stdout.write(`== [${f.target}] ${f.kind}  (seen ${f.count}×)\ninput: ${clip(f.input)}\n${clip(f.detail)}\n\n`);
  }
}
process.exitCode = failures.size === 0 ? 0 : 1;
