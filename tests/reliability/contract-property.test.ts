// A differential check of what a customer page's managed sections HOLD (§2–§7): generated vaults of
// a restricted shape (contract-gen.ts) through the real engine, in process and through the CLI as a
// process, against the independent model of contract-model.ts, written from the contract alone.
import fc from "fast-check";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { cloneSettings, DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";
import { buildCli, makeVault, read, removeTemps, runCli } from "../cli/cli-helpers";
import { buildVault, vaultSpec, type BuiltVault, type VaultSpec } from "./contract-gen";
import { ContractModel, renderNote, sectionsOf, type GNote } from "./contract-model";

const TODAY = "2025-11-01";
const today = parseIsoDay(TODAY)!;
// Fixed, so the suite is deterministic; CONTRACT_MODEL_SEED and CONTRACT_MODEL_RUNS run it larger
// (docs/reliability.md B37-A: 4,000 vaults a seed).
const SEED = Number(process.env.CONTRACT_MODEL_SEED ?? 2711);
const RUNS = Number(process.env.CONTRACT_MODEL_RUNS ?? 200);

function settingsFor(small: boolean, v: BuiltVault): Settings {
  const s = cloneSettings(DEFAULT_SETTINGS);
  s.sourceLinks = v.settings.sourceLinks;
  s.openTasksAsCheckboxes = v.settings.checkboxes;
  s.ignoredPeople = v.settings.ignored;
  s.excludedFolders = ["Archive"];
  if (small) s.limits = { recentContext: 2, keyFacts: 2, topics: 2, opportunities: 1, keyDecisions: 1 };
  return s;
}


/**
 * The index the plugin keeps: built from the vault `before`, its pages rendered (filling the render
 * caches), then moved to `files` note by note in a shuffled order with set and delete, rematched
 * whenever a change asks for it.
 */
function movedIndex(before: Record<string, string>, files: Record<string, string>, settings: Settings, shuffle: number): VaultIndex {
  const index = VaultIndex.build(Object.entries(before).map(([path, text]) => ({ path, text })), settings, settings.excludedFolders);
  for (const c of index.customerPaths()) renderPage(index, c, before[c]!, today);
  const current = new Map(Object.entries(before));
  const steps: Array<[string, string | null]> = [
    ...Object.keys(before).filter((p) => !(p in files)).map((p): [string, null] => [p, null]),
    ...Object.entries(files),
  ];
  let r = shuffle;
  for (let i = steps.length - 1; i > 0; i--) {
    r = (r * 1103515245 + 12345) % 2147483648;
    const j = r % (i + 1);
    [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  }
  for (const [path, text] of steps) {
    if (text === null) current.delete(path);
    else current.set(path, text);
    const change = text === null ? index.delete(path) : index.set(path, text);
    if (change.needsRematch) index.rematch((p) => current.get(p));
  }
  return index;
}

function compareVault(spec: VaultSpec, small: boolean, history: { before: VaultSpec; shuffle: number } | null = null, idempotent = false): void {
  const v = buildVault(spec);
  const settings = settingsFor(small, v);
  const index = history
    ? movedIndex(buildVault(history.before).files, v.files, settings, history.shuffle)
    : VaultIndex.build(Object.entries(v.files).map(([path, text]) => ({ path, text })), settings, settings.excludedFolders);
  const model = new ContractModel(v.notes, settings, today);
  expect(model.customerPaths()).toEqual([...v.customers].sort());
  const written: Record<string, string> = {};
  for (const c of v.customers) {
    const actual = renderPage(index, c, v.files[c]!, today).text;
    const expected = model.page(c, v.files[c]!).text;
    try {
      expect({ page: c, ...sectionsOf(actual) }).toEqual({ page: c, ...sectionsOf(expected) });
      expect(actual).toBe(expected);
    } catch (e) {
      (e as Error).message += `\n\nThe vault:\n${Object.entries(v.files).map(([p, t]) => `==> ${p}\n${t}`).join("\n")}`;
      throw e;
    }
    written[c] = actual;
  }
  if (!idempotent) return;
  // §7: a second run changes nothing (the pages written are read again, their managed bodies ignored).
  const again = { ...v.files, ...written };
  const index2 = VaultIndex.build(Object.entries(again).map(([path, text]) => ({ path, text })), settings, settings.excludedFolders);
  for (const c of v.customers) expect(renderPage(index2, c, again[c]!, today).text).toBe(again[c]);
}

describe("the model reads the contract as worked by hand (sanity check of the test's own oracle)", () => {
  it("a bold line naming no category, an empty company, a contact by plain name, an alias before an empty note, via the first link, code, tags, statuses", () => {
    const notes: GNote[] = [
      // A contact by plain name, in another case: Zed is Acme's (README).
      { path: "Customers/Acme.md", fm: [["aliases", { k: "list", items: ["ACME Inc"] }], ["contacts", { k: "list", items: ["zed"] }]], blocks: [{ k: "heading", level: 1, raw: "Acme", toks: null }] },
      // Empty: what clicking an unresolved [[ACME Inc]] creates. Its name mentions Acme (§5), and a
      // link [[ACME Inc]] from the page would open Acme by its alias (§3 step 5 before an empty
      // note), so the page links it relative to its folder (README).
      { path: "ACME Inc.md", fm: null, blocks: [] },
      // `company:` empty: organization decides (README); Zed's company is Tern (but Acme lists him).
      { path: "People/Bo.md", fm: [["company", { k: "plain", s: "" }], ["organization", { k: "quoted", s: "[[Acme]]" }], ["role", { k: "plain", s: "CTO" }]], blocks: [] },
      { path: "People/Zed.md", fm: [["company", { k: "plain", s: "Tern" }], ["organization", { k: "plain", s: "Acme" }]], blocks: [] },
      { path: "Projects/Apollo.md", fm: [["customer", { k: "quoted", s: "" }], ["account", { k: "plain", s: "ACME Inc" }]], blocks: [] },
      {
        path: "Meetings/2025-10-20 - Sync.md",
        fm: null,
        blocks: [
          // Via Zed: the first linked entity of Acme's (Bo and Apollo come later); `Acme` in code is no mention.
          { k: "para", lines: [[{ k: "w", s: "Met" }, { k: "link", target: "Zed", heading: null, shown: null }, { k: "w", s: "and" }, { k: "link", target: "Bo", heading: null, shown: null }, { k: "w", s: "about" }, { k: "link", target: "Apollo", heading: null, shown: null }, { k: "w", s: "and" }, { k: "code", s: "Acme" }]] },
          { k: "heading", level: 2, raw: "Key Facts", toks: null },
          { k: "bold", line: "**Pricing:**", name: "Pricing" },
          {
            k: "items",
            items: [
              { depth: 0, marker: "-", box: null, emoji: null, toks: [{ k: "w", s: "Ten dollars a seat" }], blockId: null },
              { depth: 0, marker: "-", box: "ab", emoji: null, toks: [{ k: "w", s: "not a task" }, { k: "tag", s: "#fact-check" }], blockId: null },
            ],
          },
          { k: "bold", line: "**Risks:**", name: "Risks" },
          {
            k: "items",
            items: [
              { depth: 0, marker: "-", box: null, emoji: null, toks: [{ k: "w", s: "Legal review" }, { k: "tag", s: "#decision." }], blockId: null },
              { depth: 0, marker: "-", box: "/", emoji: null, toks: [{ k: "w", s: "Half done" }], blockId: null },
              { depth: 0, marker: "-", box: " ", emoji: "⚠️", toks: [{ k: "w", s: "Call legal" }], blockId: null },
            ],
          },
          // Ends the Risks of the bold line above; Key Facts holds again.
          { k: "bold", line: "**Notes:**", name: "Notes" },
          { k: "items", items: [{ depth: 0, marker: "-", box: null, emoji: null, toks: [{ k: "w", s: "Two regions" }], blockId: null }] },
        ],
      },
    ];
    const files = Object.fromEntries(notes.map((n) => [n.path, renderNote(n)]));
    expect(files["Meetings/2025-10-20 - Sync.md"]).toBe(
      "Met [[Zed]] and [[Bo]] about [[Apollo]] and `Acme`\n\n## Key Facts\n\n**Pricing:**\n- Ten dollars a seat\n- [ab] not a task #fact-check\n\n**Risks:**\n- Legal review #decision.\n- [/] Half done\n- [ ] ⚠️ Call legal\n\n**Notes:**\n- Two regions\n",
    );
    const page = [
      "---",
      "aliases: [\"ACME Inc\"]",
      "contacts: [\"zed\"]",
      "last_contact: 2025-10-20",
      "---",
      "# Acme",
      "",
      "## Recent Context",
      "",
      "- 2025-10-20: [[2025-10-20 - Sync]] - Met Zed and Bo about Apollo and Acme (via Zed)",
      "- unknown: [[../ACME Inc]]",
      "",
      "## Key Facts",
      "",
      // `**Pricing:**` names no category: Key Facts above it holds. `[ab]` is no checkbox, `#fact-check` no `#fact`.
      "- Ten dollars a seat ([[2025-10-20 - Sync]])",
      "- [ab] not a task #fact-check ([[2025-10-20 - Sync]])",
      "- Two regions ([[2025-10-20 - Sync]])",
      "",
      "## Open Tasks",
      "",
      // A task keeps its leading emoji; `[/]` is a task, not open.
      "- [ ] ⚠️ Call legal ([[2025-10-20 - Sync]])",
      "",
      "## Account Status",
      "",
      "| Field | Value |",
      "|-------|-------|",
      "| **Last contact** | 2025-10-20 |",
      "",
      "## Key Contacts",
      "",
      // Both newest linked by the Sync of 2025-10-20: by name.
      "- [[Bo]]",
      "- [[Zed]]",
      "",
      "## Key Decisions",
      "",
      // The tag decides over Risks, and goes with the space before it.
      "- ✅ Legal review. ([[2025-10-20 - Sync]])",
      "",
      "## Collaborators",
      "",
      "| Person | Role | Company |",
      "|--------|------|---------|",
      "| [[Bo]] | CTO | Acme |",
      "| [[Zed]] |  | Tern |",
      "",
      "## Related People",
      "",
      "- [[Bo]]",
      "- [[Zed]]",
      "",
    ].join("\n");
    const settings = cloneSettings(DEFAULT_SETTINGS);
    expect(new ContractModel(notes, settings, today).page("Customers/Acme.md", files["Customers/Acme.md"]!).text).toBe(page);
    const index = VaultIndex.build(Object.entries(files).map(([path, text]) => ({ path, text })), settings);
    expect(renderPage(index, "Customers/Acme.md", files["Customers/Acme.md"]!, today).text).toBe(page);
  });
});

describe("the contract model against the engine (in process)", () => {
  it("gives every managed section of every customer page of generated vaults, default limits", () => {
    fc.assert(
      fc.property(vaultSpec, (spec) => compareVault(spec, false, null, true)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("and with limits of 1–2 (Recent Context, Key Facts, Topics, Opportunities, Key Decisions cut after de-duplication)", () => {
    fc.assert(
      fc.property(vaultSpec, (spec) => compareVault(spec, true)),
      { seed: SEED + 1, numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe("the contract model against the engine's incremental index (the plugin's)", () => {
  it("gives the same sections after the index moved from another generated vault by set and delete", () => {
    fc.assert(
      fc.property(vaultSpec, vaultSpec, fc.nat(), (spec, before, shuffle) => compareVault(spec, false, { before, shuffle })),
      { seed: SEED + 3, numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe("the contract model against the CLI as a process", () => {
  let cli: string;
  beforeAll(() => {
    cli = buildCli();
  });
  afterAll(removeTemps);

  it("writes the pages the model gives for a handful of generated vaults", () => {
    const specs = fc.sample(vaultSpec, { seed: SEED + 2, numRuns: 6 });
    specs.forEach((spec, k) => {
      const v = buildVault(spec);
      const settings = settingsFor(k % 3 === 2, v);
      const model = new ContractModel(v.notes, settings, today);
      // The settings as the plugin stores them; `Archive/` excluded by them or by Obsidian's Excluded files.
      const { excludedFolders, ...rest } = settings;
      const config = { sourceLinks: rest.sourceLinks, openTasksAsCheckboxes: rest.openTasksAsCheckboxes, ignoredPeople: rest.ignoredPeople, limits: rest.limits };
      const dir = makeVault({
        ...v.files,
        ".obsidian/plugins/customer-pages/data.json": JSON.stringify(k % 2 === 0 ? { ...config, excludedFolders } : config),
        ...(k % 2 === 0 ? {} : { ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["Archive/"] }) }),
      });
      const r = runCli(cli, ["regenerate", "--vault", dir, "--today", TODAY]);
      expect(r.status, r.stderr).toBe(0);
      for (const c of v.customers) {
        const expected = model.page(c, v.files[c]!).text;
        const actual = read(dir, c);
        expect({ page: c, ...sectionsOf(actual) }).toEqual({ page: c, ...sectionsOf(expected) });
        expect(actual).toBe(expected);
      }
      // A second run changes nothing.
      const again = runCli(cli, ["regenerate", "--vault", dir, "--today", TODAY]);
      expect(again.status, again.stderr).toBe(0);
      for (const c of v.customers) expect(read(dir, c)).toBe(model.page(c, v.files[c]!).text);
      rmSync(dir, { recursive: true, force: true });
    });
  });
});
