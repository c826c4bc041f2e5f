// @vitest-environment happy-dom
// The "Show warnings" command: the vault's warnings and those of the latest rounds, in a modal.
import { afterEach, describe, expect, it, vi } from "vitest";
import { findSetting, userChange, type FakeHarness } from "../fake-obsidian/harness";
import { openModals } from "../fake-obsidian/modal";
import { WarningsModal } from "../../src/plugin/warnings-modal";
import { crmVault, shownFiles, startPlugin, type Started } from "./setup";

afterEach(() => {
  for (const m of [...openModals]) m.close();
});

const SHOW = "customer-pages:show-warnings";
const ALL = "customer-pages:regenerate-all";

/** Runs the command and returns the modal it opened. */
async function show(h: Started["h"]): Promise<HTMLElement> {
  expect(h.executeCommand(SHOW)).toBe(true);
  await h.settle();
  const modal = openModals.at(-1);
  expect(modal).toBeInstanceOf(WarningsModal);
  return modal!.contentEl;
}

const texts = (root: HTMLElement, sel: string): string[] => Array.from(root.querySelectorAll(sel)).map((e) => e.textContent ?? "");
/** The list's link to this file (its label is the path). */
const fileLink = (root: HTMLElement, path: string): HTMLAnchorElement => Array.from(root.querySelectorAll<HTMLAnchorElement>(".cp-warning-file a")).find((a) => a.textContent === path)!;

const TASK = "Send the plan ([[2025-10-01 - Acme kickoff]])";
const MEETING = "Meetings/2025-10-01 - Acme kickoff.md";

/** Acme's page with a tick its round could not write back to the meeting (disk full that once), Show warnings saying so. */
async function tickNotWrittenBack(): Promise<Started> {
  const started = await startPlugin(crmVault(), { refreshOnSave: false });
  const { h, plugin } = started;
  await h.run(plugin.regenerateAll());
  await h.modifyExternally("Customers/Acme.md", h.read("Customers/Acme.md").replace(`- [ ] ${TASK}`, `- [x] ${TASK}`));
  await h.settle();
  const process = h.vault.process.bind(h.vault);
  const spy = vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
    if (file.path === MEETING) throw new Error("disk full");
    return process(file, fn, options);
  });
  await h.run(plugin.regeneratePages(["Customers/Acme.md"], false));
  spy.mockRestore();
  expect(texts(await show(h), ".cp-warning-file")).toEqual([MEETING]);
  openModals.at(-1)!.close();
  return started;
}

function brokenVault(): Record<string, string> {
  const files = crmVault();
  files["Meetings/2025-10-06 - Acme again.md"] = "With [[Acme]] and [[Nobody Yet]].\n";
  files["People/Eve.md"] = "---\ncompany: [unclosed\n---\nEve.\n";
  return files;
}

describe("Show warnings", () => {
  it("lists the vault's warnings grouped by file, as plain text", async () => {
    const { h } = await startPlugin(brokenVault(), { refreshOnSave: false });
    const root = await show(h);
    expect(texts(root, ".cp-warning-file")).toEqual(["Meetings/2025-10-06 - Acme again.md", "People/Eve.md"]);
    const items = texts(root, ".cp-warning-list li");
    expect(items).toHaveLength(2);
    expect(items[0]).toBe("unresolved link [[Nobody Yet]]");
    expect(items[1]).toMatch(/^invalid frontmatter ignored \(/);
    expect(openModals.at(-1)!.titleEl.textContent).toBe("Customer pages: 2 warnings");
    expect(root.querySelector(".cp-empty")).toBeNull();
  });

  it("opens the note when its file name is clicked, and closes", async () => {
    const { h } = await startPlugin(brokenVault(), { refreshOnSave: false });
    const root = await show(h);
    const link = fileLink(root, "People/Eve.md");
    link.click();
    await h.settle();
    expect(h.workspace.getActiveFile()?.path).toBe("People/Eve.md");
    expect(openModals).toHaveLength(0);
  });

  it("with a note open, a click opens the file in its place and a Ctrl-click in a new tab beside it (B31-C)", async () => {
    const { h } = await startPlugin(brokenVault(), { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    const page = h.workspace.getLeavesOfType("markdown")[0]!;
    const shown = (): string[] => shownFiles(h);
    let root = await show(h);
    let link = fileLink(root, "People/Eve.md");
    const click = new MouseEvent("click", { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await h.settle();
    expect(shown()).toEqual(["People/Eve.md"]);
    expect(h.workspace.getLeavesOfType("markdown")[0]).toBe(page);
    expect(openModals).toHaveLength(0);
    root = await show(h);
    link = fileLink(root, "Meetings/2025-10-06 - Acme again.md");
    link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true }));
    await h.settle();
    expect(shown()).toEqual(["People/Eve.md", "Meetings/2025-10-06 - Acme again.md"]);
    expect(h.workspace.getLeavesOfType("markdown")[1]!.parent).toBe(page.parent);
    expect(openModals).toHaveLength(0);
  });

  it("opens the note in a new tab on a middle click, and in a split on Ctrl+Alt-click, as links do (B31-C)", async () => {
    const { h } = await startPlugin(brokenVault(), { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    const page = h.workspace.getLeavesOfType("markdown")[0]!;
    const shown = (): string[] => shownFiles(h);
    let root = await show(h);
    let link = fileLink(root, "People/Eve.md");
    link.dispatchEvent(new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 1 }));
    await h.settle();
    expect(shown()).toEqual(["Customers/Acme.md", "People/Eve.md"]);
    expect(h.workspace.getLeavesOfType("markdown")[1]!.parent).toBe(page.parent);
    expect(openModals).toHaveLength(0);
    root = await show(h);
    link = fileLink(root, "Meetings/2025-10-06 - Acme again.md");
    link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true, altKey: true }));
    await h.settle();
    expect(shown()).toEqual(["Customers/Acme.md", "People/Eve.md", "Meetings/2025-10-06 - Acme again.md"]);
    expect(h.workspace.getLeavesOfType("markdown")[2]!.parent).not.toBe(page.parent);
    expect(openModals).toHaveLength(0);
  });

  it("opens the very note listed: a '#' in its name is no heading, and a case twin is not its twin", async () => {
    const files = crmVault();
    files["Meetings/2025-10-07 C# review.md"] = "With [[Acme]] and [[Nobody Yet]].\n";
    files["Notes/plan.md"] = "Plan.\n";
    files["Notes/Plan.md"] = "Other plan.\n";
    const { h } = await startPlugin(files, { refreshOnSave: false });
    const before = h.vault.getFiles().length;
    for (const path of ["Meetings/2025-10-07 C# review.md", "Notes/Plan.md", "Notes/plan.md"]) {
      const root = await show(h);
      const link = Array.from(root.querySelectorAll<HTMLAnchorElement>(".cp-warning-file a")).find((a) => a.textContent === path);
      expect(link, path).toBeDefined();
      link!.click();
      await h.settle();
      expect(h.workspace.getActiveFile()?.path).toBe(path);
      expect(openModals).toHaveLength(0);
    }
    // No note was made for a link that was never one.
    expect(h.vault.getFiles().length).toBe(before);
  });

  it("says so when there is no warning", async () => {
    const { h } = await startPlugin(crmVault(), { refreshOnSave: false });
    const root = await show(h);
    expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
    expect(root.querySelectorAll(".cp-warning-group")).toHaveLength(0);
    openModals.at(-1)!.close();
  });

  it("shows at most 200 warnings, and how many more there are", async () => {
    const files = crmVault();
    for (let i = 0; i < 250; i++) files[`Meetings/2025-09-01 - note ${String(i).padStart(3, "0")}.md`] = `About [[Missing ${i}]].\n`;
    const { h } = await startPlugin(files, { refreshOnSave: false });
    const root = await show(h);
    expect(root.querySelectorAll(".cp-warning-list li")).toHaveLength(200);
    expect(root.querySelectorAll(".cp-warning-group")).toHaveLength(200);
    expect(texts(root, ".cp-warning-more")).toEqual(["and 50 more"]);
    expect(openModals.at(-1)!.titleEl.textContent).toBe("Customer pages: 250 warnings");
    openModals.at(-1)!.close();
  });

  it("drops a warning once the note is fixed and the index has followed", async () => {
    const { h } = await startPlugin(brokenVault(), { refreshOnSave: false });
    let root = await show(h);
    expect(texts(root, ".cp-warning-file")).toContain("People/Eve.md");
    openModals.at(-1)!.close();
    await h.modifyExternally("People/Eve.md", "---\ncompany: Our Company\n---\nEve.\n");
    await h.settle();
    root = await show(h);
    expect(texts(root, ".cp-warning-file")).toEqual(["Meetings/2025-10-06 - Acme again.md"]);
    openModals.at(-1)!.close();
  });

  it("lists the warnings of the latest round, until a later round of the page no longer has them", async () => {
    const files = crmVault();
    files["Customers/Acme.md"] = "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n\n## Recent Context\n";
    const { h } = await startPlugin(files, { refreshOnSave: false });
    h.executeCommand(ALL);
    await h.settle();
    let root = await show(h);
    expect(texts(root, ".cp-warning-file")).toEqual(["Customers/Acme.md"]);
    expect(texts(root, ".cp-warning-list li")[0]).toMatch(/Recent Context/);
    openModals.at(-1)!.close();
    await h.modifyExternally("Customers/Acme.md", "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n");
    await h.settle();
    h.executeCommand(ALL);
    await h.settle();
    root = await show(h);
    expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
    openModals.at(-1)!.close();
  });

  it("keeps a refresh on save's warnings until the page's next round replaces them", async () => {
    const files = crmVault();
    const twice = "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n\n## Recent Context\n";
    const { h } = await startPlugin(files);
    await h.modifyExternally("Customers/Acme.md", twice);
    await h.settle();
    let root = await show(h);
    expect(texts(root, ".cp-warning-file")).toEqual(["Customers/Acme.md"]);
    openModals.at(-1)!.close();
    // A round of another page leaves Acme's warning be.
    await h.modifyExternally("Meetings/2025-10-02 - Globex sync.md", "Sync with [[Bob Stone]] of [[Globex]], again.\n");
    await h.settle();
    root = await show(h);
    expect(texts(root, ".cp-warning-file")).toEqual(["Customers/Acme.md"]);
    openModals.at(-1)!.close();
    await h.modifyExternally("Customers/Acme.md", "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n");
    await h.settle();
    root = await show(h);
    expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
  });

  it("lists what the notice of Regenerate every customer page counts, the settings' warnings first", async () => {
    const files = brokenVault();
    files[".obsidian/app.json"] = JSON.stringify({ userIgnoreFilters: ["Projects/"] });
    files["Projects/Apollo.md"] = "An [[Acme]] project.\n";
    const { h } = await startPlugin(files, { refreshOnSave: false });
    h.executeCommand(ALL);
    await h.settle();
    expect(h.notices().at(-1)).toBe('Customer pages: 2 of 2 changed, 3 warnings (the command "Show warnings" lists them).');
    const root = await show(h);
    expect(openModals.at(-1)!.titleEl.textContent).toBe("Customer pages: 3 warnings");
    expect(texts(root, ".cp-warning-file")).toEqual(["Settings", "Meetings/2025-10-06 - Acme again.md", "People/Eve.md"]);
    // The settings have no note to open.
    expect(root.querySelector(".cp-warning-group .cp-warning-file")!.querySelector("a")).toBeNull();
    expect(texts(root, ".cp-warning-list li")[0]).toMatch(/^folder "Projects" \(setting "folders.projects"\) is excluded by Obsidian's "Excluded files"/);
  });

  it("lists a round's warnings among the vault's by path, not after them (settings first, then files in path order)", async () => {
    const files = brokenVault();
    files["Customers/Acme.md"] = "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n\n## Recent Context\n";
    const { h } = await startPlugin(files, { refreshOnSave: false });
    h.executeCommand(ALL);
    await h.settle();
    const root = await show(h);
    // The round's warning about Acme's page comes in after the index's about the two notes.
    expect(texts(root, ".cp-warning-file")).toEqual(["Customers/Acme.md", "Meetings/2025-10-06 - Acme again.md", "People/Eve.md"]);
    expect(texts(root, ".cp-warning-list li")).toEqual([
      'section "Recent Context" appears more than once; only the first is regenerated',
      "unresolved link [[Nobody Yet]]",
      expect.stringMatching(/^invalid frontmatter ignored \(/),
    ]);
  });

  it("lists why a page was not regenerated, after Regenerate customer page said so", async () => {
    const files = crmVault();
    files["Customers/Acme.md"] = "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n\n## Recent Context\n";
    const { h } = await startPlugin(files, { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    await h.flush();
    h.executeCommand("customer-pages:regenerate-page");
    await h.settle();
    const root = await show(h);
    expect(texts(root, ".cp-warning-file")).toEqual(["Customers/Acme.md"]);
  });

  it("lists a tick not written back, until the next round", async () => {
    const files = crmVault();
    files["Meetings/2025-10-05 - Joint call.md"] = "Call with [[Acme]] and [[Globex]].\n\n- [ ] Send the contract\n";
    const task = "Send the contract ([[2025-10-05 - Joint call]])";
    const { h, plugin } = await startPlugin(files, { refreshOnSave: false });
    await h.run(plugin.regenerateAll());
    await h.modifyExternally("Customers/Acme.md", h.read("Customers/Acme.md").replace(`- [ ] ${task}`, `- [-] ${task}`));
    await h.modifyExternally("Customers/Globex.md", h.read("Customers/Globex.md").replace(`- [ ] ${task}`, `- [x] ${task}`));
    await h.settle();
    h.executeCommand(ALL);
    await h.settle();
    let root = await show(h);
    expect(texts(root, ".cp-warning-file")).toEqual(["Customers/Globex.md"]);
    expect(texts(root, ".cp-warning-list li")[0]).toMatch(/^\[x\] not written back: Customers\/Acme\.md ticked the same task \[-\]/);
    openModals.at(-1)!.close();
    h.executeCommand(ALL);
    await h.settle();
    root = await show(h);
    expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
  });

  it("Regenerate every customer page replaces every earlier round's warnings, also those of a page moved since", async () => {
    const { h } = await tickNotWrittenBack();
    await h.renameExternally("Customers/Acme.md", "Customers/Acme/Acme.md");
    await h.settle();
    h.executeCommand(ALL);
    await h.settle();
    // The tick is written back now.
    expect(h.read(MEETING)).toContain("- [x] Send the plan");
    const root = await show(h);
    expect(texts(root, ".cp-warning-list li")).toEqual([]);
    expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
  });

  it.each([
    // Obsidian's file watcher reports it as a delete and a create: no rename event (B32-C).
    ["another program moved the page (B32-C)", (h: FakeHarness, from: string, to: string) => h.renameExternally(from, to)],
    ["the page was moved in Obsidian", (h: FakeHarness, from: string, to: string) => h.renameInObsidian(from, to)],
  ])("a page's round replaces its earlier round's warnings, also after %s", async (_how, move) => {
    const { h, plugin } = await tickNotWrittenBack();
    await move(h, "Customers/Acme.md", "Customers/Acme/Acme.md");
    await h.settle();
    // Only the moved page's own round, as Regenerate customer page or a refresh on save runs it.
    await h.run(plugin.regeneratePages(["Customers/Acme/Acme.md"], false));
    await h.settle();
    expect(h.read(MEETING)).toContain("- [x] Send the plan");
    const root = await show(h);
    expect(texts(root, ".cp-warning-list li")).toEqual([]);
    expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
  });

  it("a round's warning about a tick not written back goes when its page is deleted: no round of that page can replace it (B32-C)", async () => {
    const { h } = await tickNotWrittenBack();
    await h.deleteExternally("Customers/Acme.md");
    await h.settle();
    // The tick went with the page: the task stays open in the note, and nothing is said about it;
    // the note's link to the page deleted is said (the vault's own warning).
    expect(h.read(MEETING)).toContain("- [ ] Send the plan");
    expect(texts(await show(h), ".cp-warning-list li")).toEqual(["unresolved link [[Acme]]"]);
  });

  it("closes with the plugin", async () => {
    const { h, plugin } = await startPlugin(brokenVault(), { refreshOnSave: false });
    const root = await show(h);
    expect(root.isConnected).toBe(true);
    await h.unloadPlugin(plugin);
    expect(openModals).toHaveLength(0);
    expect(document.querySelectorAll(".customer-pages-warnings")).toHaveLength(0);
    h.assertNoLeaks();
  });
});

describe("Show warnings, with data.json's own warnings and while it is open", () => {
  const title = (): string => openModals.at(-1)!.titleEl.textContent ?? "";

  it("lists invalid values and clashing section names in data.json under Settings, and the panel counts them", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { h, plugin } = await startPlugin(crmVault(), { limits: { keyFacts: "ten" }, sectionNames: { keyContacts: "Notes", relatedPeople: "Notes" } });
      const root = await show(h);
      expect(texts(root, ".cp-warning-file")).toEqual(["Settings"]);
      expect(texts(root, ".cp-warning-list li")).toEqual([
        'setting "limits.keyFacts" has the wrong type; using the default',
        'section name "Notes" is used for both Key Contacts and Related People; only Key Contacts is regenerated',
      ]);
      openModals.at(-1)!.close();
      await h.openFile("Customers/Acme.md");
      await plugin.openPanel();
      await h.settle();
      const panel = (h.workspace.getLeavesOfType("customer-pages-status")[0]!.view as unknown as { contentEl: HTMLElement }).contentEl;
      expect(texts(panel, ".customer-pages-panel-warnings a")).toEqual(["2 warnings"]);
      // data.json synced with one more mistake and the same settings: the count follows.
      await h.modifyPluginDataExternally(plugin, { limits: { keyFacts: "ten" }, sectionNames: { keyContacts: "Notes", relatedPeople: "Notes" }, colour: "blue" });
      await h.settle();
      expect(texts(panel, ".customer-pages-panel-warnings a")).toEqual(["3 warnings"]);
    } finally {
      warn.mockRestore();
    }
  });

  it("a change in the tab saves valid settings: the invalid values' warnings go, a section name clash stays until it is fixed", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, staleDays: -3, sectionNames: { keyContacts: "Notes", relatedPeople: "Notes" } });
      const root = await show(h);
      expect(texts(root, ".cp-warning-list li")).toEqual([
        'setting "staleDays" must be 0 or more; using the default',
        'section name "Notes" is used for both Key Contacts and Related People; only Key Contacts is regenerated',
      ]);
      // The list stays open while the settings change; it shows what data.json holds now.
      const tab = h.openSettings(plugin);
      userChange(findSetting(tab.containerEl, "Mentions").components[0] as never, false);
      await h.settle();
      expect((h.pluginData(plugin) as { staleDays: number }).staleDays).toBe(30);
      expect(texts(root, ".cp-warning-list li")).toEqual(['section name "Notes" is used for both Key Contacts and Related People; only Key Contacts is regenerated']);
      expect(title()).toBe("Customer pages: 1 warning");
      userChange(findSetting(tab.containerEl, "Related people section").components[0] as never, "People around");
      await h.settle();
      expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
      expect(title()).toBe("Customer pages: warnings");
    } finally {
      warn.mockRestore();
    }
  });

  it("follows data.json changed outside Obsidian while it is open", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
      const root = await show(h);
      expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
      await h.modifyPluginDataExternally(plugin, { refreshOnSave: false, mentions: "yes", colour: "blue" });
      await h.settle();
      expect(texts(root, ".cp-warning-file")).toEqual(["Settings"]);
      expect(texts(root, ".cp-warning-list li")).toEqual(['setting "mentions" has the wrong type; using the default', 'unknown setting "colour" ignored']);
      await h.modifyPluginDataExternally(plugin, { refreshOnSave: false });
      await h.settle();
      expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
    } finally {
      warn.mockRestore();
    }
  });

  it("follows a settings change that rebuilds the index, once the new index is in use", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
      const root = await show(h);
      expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
      await h.run(plugin.changeSettings((s) => (s.excludedFolders = ["Projects"])));
      await h.settle();
      await h.run(plugin.indexer.settled());
      expect(texts(root, ".cp-warning-list li")).toEqual([
        'folder "Projects" (setting "folders.projects") is excluded by setting "excludedFolders": its notes are never read, so none of them is a project',
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it("shows a round's warnings when the round ends while it is open, and drops them when the next round has none", async () => {
    const { h } = await startPlugin(crmVault());
    const root = await show(h);
    expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
    await h.modifyExternally("Customers/Acme.md", "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n\n## Recent Context\n");
    await h.settle();
    expect(openModals.at(-1)!.contentEl).toBe(root);
    expect(texts(root, ".cp-warning-file")).toEqual(["Customers/Acme.md"]);
    expect(texts(root, ".cp-warning-list li")[0]).toMatch(/Recent Context/);
    expect(title()).toBe("Customer pages: 1 warning");
    await h.modifyExternally("Customers/Acme.md", "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n");
    await h.settle();
    expect(texts(root, ".cp-empty")).toEqual(["No warnings."]);
  });

  it("follows a note fixed while it is open, once the notes stop changing", async () => {
    const { h } = await startPlugin(brokenVault(), { refreshOnSave: false });
    const root = await show(h);
    expect(texts(root, ".cp-warning-file")).toEqual(["Meetings/2025-10-06 - Acme again.md", "People/Eve.md"]);
    await h.modifyExternally("People/Eve.md", "---\ncompany: Our Company\n---\nEve.\n");
    await h.advance(1000);
    expect(texts(root, ".cp-warning-file")).toEqual(["Meetings/2025-10-06 - Acme again.md", "People/Eve.md"]);
    await h.advance(1500);
    expect(texts(root, ".cp-warning-file")).toEqual(["Meetings/2025-10-06 - Acme again.md"]);
  });

  it("stops following once closed, and leaves nothing behind when the plugin unloads while it is open", async () => {
    const { h, plugin } = await startPlugin(brokenVault());
    const root = await show(h);
    openModals.at(-1)!.close();
    await h.modifyExternally("Customers/Acme.md", "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n\n## Recent Context\n");
    await h.settle();
    expect(root.childElementCount).toBe(0);
    await show(h);
    await h.modifyExternally("People/Eve.md", "---\ncompany: Our Company\n---\nEve.\n");
    await h.advance(100);
    await h.unloadPlugin(plugin);
    await h.settle();
    expect(openModals).toHaveLength(0);
    h.assertNoLeaks();
  });
});

describe("the account status panel's warnings link", () => {
  async function panelRoot(h: Started["h"], plugin: Started["plugin"]): Promise<HTMLElement> {
    await plugin.openPanel();
    await h.settle();
    const leaf = h.workspace.getLeavesOfType("customer-pages-status")[0]!;
    return (leaf.view as unknown as { contentEl: HTMLElement }).contentEl;
  }

  it("a middle click opens the list as a click does, and the link's href goes nowhere (as the panel's note links, B31-C)", async () => {
    const { h, plugin } = await startPlugin(brokenVault());
    await h.openFile("Customers/Acme.md");
    const root = await panelRoot(h, plugin);
    const link = root.querySelector<HTMLAnchorElement>(".customer-pages-panel-warnings a")!;
    // A right button's auxclick is the context menu's: nothing opens.
    const right = new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 2 });
    link.dispatchEvent(right);
    await h.settle();
    expect(right.defaultPrevented).toBe(false);
    expect(openModals.filter((m) => m instanceof WarningsModal)).toHaveLength(0);
    const middle = new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 1 });
    link.dispatchEvent(middle);
    await h.settle();
    expect(middle.defaultPrevented).toBe(true);
    expect(openModals.at(-1)).toBeInstanceOf(WarningsModal);
    expect(openModals.at(-1)!.titleEl.textContent).toBe("Customer pages: 2 warnings");
    openModals.at(-1)!.close();
  });

  it("counts the warnings, opens the list, and follows a round's warnings", async () => {
    const { h, plugin } = await startPlugin(brokenVault());
    await h.openFile("Customers/Acme.md");
    const root = await panelRoot(h, plugin);
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["2 warnings"]);
    root.querySelector<HTMLAnchorElement>(".customer-pages-panel-warnings a")!.click();
    await h.settle();
    expect(openModals.at(-1)).toBeInstanceOf(WarningsModal);
    expect(openModals.at(-1)!.titleEl.textContent).toBe("Customer pages: 2 warnings");
    openModals.at(-1)!.close();
    // A refresh on save finds a managed section twice: counted with the others.
    await h.modifyExternally("Customers/Acme.md", "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n\n## Recent Context\n");
    await h.settle();
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["3 warnings"]);
    // Fixed, and Eve's frontmatter too.
    await h.modifyExternally("Customers/Acme.md", "---\ntype: customer\n---\n# Acme\n\n## Recent Context\n");
    await h.modifyExternally("People/Eve.md", "---\ncompany: \"[[Acme]]\"\n---\nEve.\n");
    await h.settle();
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["1 warning"]);
  });

  it("a note no customer depends on broken: counted again after the next change of tab, once the notes pause", async () => {
    const { h, plugin } = await startPlugin(brokenVault());
    await h.openFile("Customers/Acme.md");
    const root = await panelRoot(h, plugin);
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["2 warnings"]);
    // No customer depends on it: the panel is not drawn again for it.
    await h.createExternally("Notes/Loose.md", "See [[Nowhere]].\n");
    await h.settle();
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["2 warnings"]);
    // A second tab on the same note: nothing to draw for it, but the count is looked at again.
    await h.openFile("Customers/Acme.md", { newLeaf: "tab" });
    await h.settle();
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["3 warnings"]);
  });

  it("follows saves of notes once they pause: not counted again at every save", async () => {
    const { h, plugin } = await startPlugin(brokenVault());
    await h.openFile("Customers/Acme.md");
    const root = await panelRoot(h, plugin);
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["2 warnings"]);
    const counted = vi.spyOn(plugin.indexer.ready!, "warnings");
    // Eve's frontmatter fixed, then two more saves of a note of Acme's, each a second apart (typing).
    await h.modifyExternally("People/Eve.md", "---\ncompany: \"[[Acme]]\"\n---\nEve.\n");
    await h.advance(1000);
    await h.modifyExternally("Meetings/2025-10-06 - Acme again.md", "With [[Acme]] and [[Nobody Yet]]. More.\n");
    await h.advance(1000);
    await h.modifyExternally("Meetings/2025-10-06 - Acme again.md", "With [[Acme]] and [[Nobody Yet]]. More still.\n");
    await h.advance(1000);
    expect(counted).not.toHaveBeenCalled();
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["2 warnings"]);
    // Two seconds without a change: counted once, and the panel drawn with the new count.
    await h.advance(1500);
    expect(counted).toHaveBeenCalledTimes(1);
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["1 warning"]);
  });

  it("with the warnings window open too, works the warnings out once per round and per pause, for both", async () => {
    const { h, plugin } = await startPlugin(brokenVault(), { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    const root = await panelRoot(h, plugin);
    await show(h);
    const counted = vi.spyOn(plugin.indexer.ready!, "warnings");
    // A round ends (Regenerate customer page; every page's round also lists the vault's warnings
    // in the console itself): the list and the panel's count are drawn again from one working out.
    await h.run(plugin.regeneratePages(["Customers/Acme.md"], true));
    await h.settle();
    expect(counted).toHaveBeenCalledTimes(1);
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["2 warnings"]);
    expect(openModals.at(-1)!.titleEl.textContent).toBe("Customer pages: 2 warnings");
    counted.mockClear();
    // A note fixed: once the notes pause, the list and the count follow, again from one.
    await h.modifyExternally("People/Eve.md", '---\ncompany: "[[Acme]]"\n---\nEve.\n');
    await h.advance(2500);
    expect(counted).toHaveBeenCalledTimes(1);
    expect(texts(root, ".customer-pages-panel-warnings a")).toEqual(["1 warning"]);
    expect(openModals.at(-1)!.titleEl.textContent).toBe("Customer pages: 1 warning");
  });

  it("is not there without warnings", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    const root = await panelRoot(h, plugin);
    expect(root.querySelector(".customer-pages-panel-warnings")).toBeNull();
  });
});
