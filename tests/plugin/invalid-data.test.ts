// @vitest-environment happy-dom
// data.json that JSON cannot read (a merge conflict, a file cut short by a crash or a sync tool):
// Obsidian's loadData throws for it, which must neither stop the plugin nor lose the file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/main";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { findSetting, userChange } from "../fake-obsidian/harness";
import { openModals } from "../fake-obsidian/modal";
import { crmVault, startPlugin, startPluginWithDataText, type Started } from "./setup";

const DIR = ".obsidian/plugins/customer-pages";
const CONFLICT = '<<<<<<< HEAD\n{ "sourceLinks": false }\n=======\n{ "sourceLinks": true }\n>>>>>>> laptop\n';
const LOADED = 'using the defaults; a change in the settings tab saves them, keeping the file as data.json.bak';

afterEach(() => {
  for (const m of [...openModals]) m.close();
  vi.restoreAllMocks();
});

/** The console's warnings, kept out of the test output (and restored after each test). */
const quiet = () => vi.spyOn(console, "warn").mockImplementation(() => undefined);

/** What JSON.parse says of this text (the runtime's words, which the warning quotes). */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("valid JSON");
}

const texts = (root: HTMLElement, sel: string): string[] => Array.from(root.querySelectorAll(sel)).map((e) => e.textContent ?? "");

/** The "Show warnings" list's settings entries. */
async function settingsWarnings(h: Started["h"]): Promise<string[]> {
  expect(h.executeCommand("customer-pages:show-warnings")).toBe(true);
  await h.settle();
  const root = openModals.at(-1)!.contentEl;
  const out = texts(root, ".cp-warning-file")[0] === "Settings" ? texts(root.querySelector(".cp-warning-list")!, "li") : [];
  openModals.at(-1)!.close();
  return out;
}

describe("data.json that is not valid JSON", () => {
  it.each([
    ["a merge conflict", CONFLICT],
    ["a file cut short", '{\n  "sourceLinks": false,\n  "ment'],
    ["an empty file", ""],
  ])("(%s) loads the plugin with the defaults, says why, and leaves the file as it is", async (_, text) => {
    const warning = `settings are not valid JSON (${jsonError(text)}); ${LOADED}`;
    const warn = quiet();
    const { h, plugin } = await startPluginWithDataText(crmVault(), text);
    expect(plugin.settings).toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalledWith(`Customer Pages: ${warning}`);
    expect(await settingsWarnings(h)).toEqual([warning]);
    // The plugin works: the pages are made with the defaults (source links on).
    await plugin.regenerateAll();
    await h.settle();
    expect(h.read("Customers/Acme.md")).toContain("- Acme runs two sites ([[2025-10-01 - Acme kickoff]])\n");
    expect(h.read(`${DIR}/data.json`)).toBe(text);
    expect(h.exists(`${DIR}/data.json.bak`)).toBe(false);
  });

  it("a change in the tab saves the settings, after keeping the unreadable file as data.json.bak; the warning goes", async () => {
    quiet();
    const { h, plugin } = await startPluginWithDataText(crmVault(), CONFLICT);
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Mentions").components[0] as never, false);
    await h.settle();
    expect(h.read(`${DIR}/data.json.bak`)).toBe(CONFLICT);
    expect(h.pluginData(plugin)).toEqual({ ...DEFAULT_SETTINGS, mentions: false });
    expect(await settingsWarnings(h)).toEqual([]);
    // Later saves write data.json only: the copy is made once.
    userChange(findSetting(tab.containerEl, "Source links").components[0] as never, false);
    await h.settle();
    expect(h.pluginData(plugin)).toEqual({ ...DEFAULT_SETTINGS, mentions: false, sourceLinks: false });
    expect(h.read(`${DIR}/data.json.bak`)).toBe(CONFLICT);
    expect(h.exists(`${DIR}/data.json.2.bak`)).toBe(false);
  });

  it("an older data.json.bak is not written over: the copy takes the next free name", async () => {
    quiet();
    const { h, plugin } = await startPluginWithDataText(crmVault(), CONFLICT);
    await h.createExternally(`${DIR}/data.json.bak`, "an older copy\n");
    await h.createExternally(`${DIR}/data.json.2.bak`, "another\n");
    await h.run(plugin.changeSettings((s) => (s.mentions = false)));
    await h.settle();
    expect(h.read(`${DIR}/data.json.bak`)).toBe("an older copy\n");
    expect(h.read(`${DIR}/data.json.2.bak`)).toBe("another\n");
    expect(h.read(`${DIR}/data.json.3.bak`)).toBe(CONFLICT);
    expect((h.pluginData(plugin) as { mentions: boolean }).mentions).toBe(false);
  });

  it("two changes at once: one copy of the file, and both settings saved", async () => {
    quiet();
    const { h, plugin } = await startPluginWithDataText(crmVault(), CONFLICT);
    await h.run(Promise.all([plugin.changeSettings((s) => (s.mentions = false)), plugin.changeSettings((s) => (s.sourceLinks = false))]));
    await h.settle();
    expect(h.read(`${DIR}/data.json.bak`)).toBe(CONFLICT);
    expect(h.exists(`${DIR}/data.json.2.bak`)).toBe(false);
    expect(h.pluginData(plugin)).toEqual({ ...DEFAULT_SETTINGS, mentions: false, sourceLinks: false });
  });

  it("a copy that could not be written is tried again at the next change, which then saves both", async () => {
    quiet();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { h, plugin } = await startPluginWithDataText(crmVault(), CONFLICT);
    const adapter = h.app.vault.adapter;
    const write = adapter.write.bind(adapter);
    let refused = 0;
    // The disk full for a moment: the first copy fails.
    vi.spyOn(adapter, "write").mockImplementation(async (path, data, options) => {
      if (path.endsWith(".bak") && refused++ === 0) throw new Error("ENOSPC: no space left on device");
      return write(path, data, options);
    });
    await h.run(plugin.changeSettings((s) => (s.mentions = false)));
    await h.settle();
    expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
      "Customer Pages: data.json could not be kept as data.json.bak (Error: ENOSPC: no space left on device); the settings are not saved over it until a later change can keep it",
    ]);
    expect(h.read(`${DIR}/data.json`)).toBe(CONFLICT);
    expect(h.exists(`${DIR}/data.json.bak`)).toBe(false);
    await h.run(plugin.changeSettings((s) => (s.sourceLinks = false)));
    await h.settle();
    expect(refused).toBe(2);
    expect(h.read(`${DIR}/data.json.bak`)).toBe(CONFLICT);
    expect(h.pluginData(plugin)).toEqual({ ...DEFAULT_SETTINGS, mentions: false, sourceLinks: false });
  });

  it("another unreadable text synced in while the first is being kept is kept too before the save", async () => {
    quiet();
    const other = '{ "mentions": false,\n<<<<<<< HEAD\n';
    const { h, plugin } = await startPluginWithDataText(crmVault(), CONFLICT);
    const adapter = h.app.vault.adapter;
    const write = adapter.write.bind(adapter);
    let synced = false;
    vi.spyOn(adapter, "write").mockImplementation(async (path, data, options) => {
      if (path.endsWith(".bak") && !synced) {
        synced = true;
        await h.writePluginDataTextExternally(plugin, other);
      }
      return write(path, data, options);
    });
    await h.run(plugin.changeSettings((s) => (s.sourceLinks = false)));
    await h.settle();
    expect(synced).toBe(true);
    expect(h.read(`${DIR}/data.json.bak`)).toBe(CONFLICT);
    expect(h.read(`${DIR}/data.json.2.bak`)).toBe(other);
    expect(h.pluginData(plugin)).toEqual({ ...DEFAULT_SETTINGS, sourceLinks: false });
  });

  it("synced as invalid JSON, it keeps the settings in use with a warning; valid again, it applies", async () => {
    const warn = quiet();
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, sourceLinks: false });
    await h.writePluginDataTextExternally(plugin, CONFLICT);
    await h.settle();
    expect(plugin.settings.sourceLinks).toBe(false);
    expect(plugin.settings.refreshOnSave).toBe(false);
    const warning = `settings are not valid JSON (${jsonError(CONFLICT)}); the settings in use are kept`;
    expect(await settingsWarnings(h)).toEqual([warning]);
    expect(warn).toHaveBeenCalledWith(`Customer Pages: ${warning}`);
    await h.writePluginDataTextExternally(plugin, JSON.stringify({ refreshOnSave: false, mentions: false }));
    await h.settle();
    expect(plugin.settings.sourceLinks).toBe(true);
    expect(plugin.settings.mentions).toBe(false);
    expect(await settingsWarnings(h)).toEqual([]);
  });

  it("synced as invalid JSON, a change in the tab then keeps that text before saving", async () => {
    quiet();
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, sourceLinks: false });
    await h.writePluginDataTextExternally(plugin, CONFLICT);
    await h.run(plugin.changeSettings((s) => (s.mentions = false)));
    await h.settle();
    expect(h.read(`${DIR}/data.json.bak`)).toBe(CONFLICT);
    expect(h.pluginData(plugin)).toEqual({ ...DEFAULT_SETTINGS, refreshOnSave: false, sourceLinks: false, mentions: false });
  });
});

/** A customer page as the CLI makes it from these files (run on a temporary folder). */
async function cliPage(files: Record<string, string>, page: string): Promise<string> {
  const disk = mkdtempSync(join(tmpdir(), "cp-bom-"));
  try {
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(disk, p)), { recursive: true });
      writeFileSync(join(disk, p), text);
    }
    let stderr = "";
    expect(await run(["regenerate", "--vault", disk, "--today", "2026-01-01"], { stdout: () => undefined, stderr: (t) => (stderr += t) })).toBe(0);
    expect(stderr).toBe("");
    return readFileSync(join(disk, page), "utf8");
  } finally {
    rmSync(disk, { recursive: true, force: true });
  }
}

describe("data.json saved with a byte order mark (Notepad's \"UTF-8 with BOM\", an edit made for the CLI)", () => {
  const BOM = "\uFEFF";
  const SAVED = BOM + JSON.stringify({ sourceLinks: false, sectionNames: { keyFacts: "Facts" } }, null, 2);

  it("is read as the CLI reads it: its settings, no warning, the CLI's page, and the file left as it is", async () => {
    const warn = quiet();
    const { h, plugin } = await startPluginWithDataText(crmVault(), SAVED);
    expect(plugin.settings).toEqual({ ...DEFAULT_SETTINGS, sourceLinks: false, sectionNames: { ...DEFAULT_SETTINGS.sectionNames, keyFacts: "Facts" } });
    expect(warn).not.toHaveBeenCalled();
    expect(await settingsWarnings(h)).toEqual([]);
    await h.run(plugin.regenerateAll());
    await h.settle();
    // By hand: the fact under the section name of data.json, without its source link.
    expect(h.read("Customers/Acme.md")).toContain("## Facts\n\n- Acme runs two sites\n");
    expect(h.read("Customers/Acme.md")).toBe(await cliPage({ ...crmVault(), [`${DIR}/data.json`]: SAVED }, "Customers/Acme.md"));
    expect(h.read(`${DIR}/data.json`)).toBe(SAVED);
    expect(h.exists(`${DIR}/data.json.bak`)).toBe(false);
  });

  it("synced so while Obsidian runs, it applies; with text JSON cannot read after the mark, the warning quotes what the CLI quotes", async () => {
    quiet();
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.writePluginDataTextExternally(plugin, SAVED);
    await h.settle();
    expect(plugin.settings.sourceLinks).toBe(false);
    expect(plugin.settings.sectionNames.keyFacts).toBe("Facts");
    expect(await settingsWarnings(h)).toEqual([]);
    const cut = BOM + '{ "sourceLinks": tru';
    await h.writePluginDataTextExternally(plugin, cut);
    await h.settle();
    // The CLI's words: the error of the text after the mark, not of the mark itself.
    expect(await settingsWarnings(h)).toEqual([`settings are not valid JSON (${jsonError(cut.slice(1))}); the settings in use are kept`]);
    expect(jsonError(cut)).not.toBe(jsonError(cut.slice(1)));
  });
});
