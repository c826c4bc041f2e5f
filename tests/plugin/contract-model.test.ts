// @vitest-environment happy-dom
// The contract model (tests/reliability/contract-model.ts) against the plugin on the fake Obsidian:
// a handful of generated vaults, "Regenerate every customer page", each page as the model gives it;
// and a vault turned into another one (the same customer pages) by edits made outside Obsidian, after
// which refresh on save alone leaves every page's sections as the model gives them for the new one.
// The plugin's day is 2026-01-01 (tests/plugin/setup.ts).
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { cloneSettings, DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { buildVault, vaultSpec, type BuiltVault } from "../reliability/contract-gen";
import { ContractModel, sectionsOf } from "../reliability/contract-model";
import { startPlugin } from "./setup";

const today = parseIsoDay("2026-01-01")!;
// Fixed, so the suite is deterministic; CONTRACT_MODEL_SEED and CONTRACT_MODEL_RUNS run it larger.
const SEED = Number(process.env.CONTRACT_MODEL_SEED ?? 2715);
const RUNS = Number(process.env.CONTRACT_MODEL_RUNS ?? 8);

afterEach(() => {
  vi.restoreAllMocks();
});

function settingsOf(v: BuiltVault): Settings {
  const settings = cloneSettings(DEFAULT_SETTINGS);
  settings.sourceLinks = v.settings.sourceLinks;
  settings.openTasksAsCheckboxes = v.settings.checkboxes;
  settings.ignoredPeople = v.settings.ignored;
  settings.excludedFolders = ["Archive"];
  return settings;
}

function dataOf(settings: Settings, refreshOnSave: boolean): unknown {
  return {
    sourceLinks: settings.sourceLinks,
    openTasksAsCheckboxes: settings.openTasksAsCheckboxes,
    ignoredPeople: settings.ignoredPeople,
    excludedFolders: settings.excludedFolders,
    refreshOnSave,
    refreshDelaySeconds: 1,
  };
}

describe("the contract model against the plugin", () => {
  it("regenerates every customer page of a handful of generated vaults as the model gives them", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (const spec of fc.sample(vaultSpec, { seed: SEED, numRuns: RUNS })) {
      const v = buildVault(spec);
      const settings = settingsOf(v);
      const model = new ContractModel(v.notes, settings, today);
      const { h, plugin } = await startPlugin(v.files, dataOf(settings, false));
      await h.run(plugin.regenerateAll());
      await h.settle();
      for (const c of v.customers) {
        const expected = model.page(c, v.files[c]!).text;
        expect({ page: c, ...sectionsOf(h.read(c)) }).toEqual({ page: c, ...sectionsOf(expected) });
        expect(h.read(c)).toBe(expected);
      }
      // A second round changes nothing.
      await h.run(plugin.regenerateAll());
      await h.settle();
      for (const c of v.customers) expect(h.read(c)).toBe(model.page(c, v.files[c]!).text);
    }
  });

  it("refresh on save alone gives every page the model's sections after the notes and one page changed outside Obsidian", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const specs = fc.sample(fc.tuple(vaultSpec, vaultSpec), { seed: SEED + 1, numRuns: RUNS });
    for (const [a, b0] of specs) {
      // The same customer pages and settings, but the first page's frontmatter (names, contacts,
      // fields) from the other vault; people, projects and notes of the other vault.
      const first = { ...(b0.customers[0] ?? a.customers[0]!), pool: a.customers[0]!.pool, place: a.customers[0]!.place };
      const b = { ...b0, customers: [first, ...a.customers.slice(1)], page: a.page, settings: a.settings };
      const va = buildVault(a);
      const vb = buildVault(b);
      const changed = vb.customers[0]!;
      const settings = settingsOf(vb);
      const { h, plugin } = await startPlugin(va.files, dataOf(settings, true));
      await h.run(plugin.regenerateAll());
      await h.settle();
      for (const [path, text] of Object.entries(vb.files)) {
        if (vb.customers.includes(path) && (path !== changed || text === va.files[path])) continue;
        if (!h.exists(path)) await h.createExternally(path, text);
        else if (h.read(path) !== text) await h.modifyExternally(path, text);
      }
      for (const path of Object.keys(va.files)) if (!(path in vb.files)) await h.deleteExternally(path);
      await h.settle();
      // The other pages are the first vault's (their contacts and projects name its people and projects).
      const notes = [...vb.notes.filter((n) => !vb.customers.includes(n.path) || n.path === changed), ...va.notes.filter((n) => va.customers.includes(n.path) && n.path !== changed)];
      const model = new ContractModel(notes, settings, today);
      for (const c of vb.customers) {
        const ours = c === changed && vb.files[c] !== va.files[c];
        const expected = model.page(c, ours ? vb.files[c]! : va.files[c]!).text;
        if (ours) {
          // Written over with the other vault's page: regenerated whole.
          expect(h.read(c)).toBe(expected);
          continue;
        }
        // A section the first vault's page had and the second's has nothing for stays, empty (§7).
        const sections = sectionsOf(expected);
        const actual = Object.fromEntries(Object.entries(sectionsOf(h.read(c))).filter(([name, body]) => name in sections || body.length > 0));
        expect({ page: c, ...actual }).toEqual({ page: c, ...sections });
      }
      await h.unloadPlugin(plugin);
    }
  });
});
