// @vitest-environment happy-dom
// The account-status panel: what it shows for the active note, and for no customer at all.
import { Platform, parseLinktext, type Events, type HoverParent } from "obsidian";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { StatusView } from "../../src/plugin/status-view";
import { findSetting, userChange } from "../fake-obsidian/harness";
import { crmVault, shownFiles, startPlugin } from "./setup";

async function panel(h: Awaited<ReturnType<typeof startPlugin>>["h"], plugin: Awaited<ReturnType<typeof startPlugin>>["plugin"]): Promise<HTMLElement> {
  await plugin.openPanel();
  await h.settle();
  const leaf = h.workspace.getLeavesOfType("customer-pages-status")[0]!;
  expect(leaf.view).toBeInstanceOf(StatusView);
  return (leaf.view as StatusView).contentEl;
}

const texts = (root: HTMLElement, sel: string): string[] => Array.from(root.querySelectorAll(sel)).map((e) => e.textContent ?? "");

describe("account status panel", () => {
  it("shows the active customer page: status, last contact, counts, recent notes, contacts", async () => {
    const files = crmVault();
    files["Meetings/2025-12-20 - Acme risks.md"] = "With [[Acme]].\n\n## Risks\n\n- Budget freeze\n\n## Decisions\n\n- Go ahead\n- Phase two\n";
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-name")).toEqual(["Acme"]);
    expect(texts(root, ".cp-status dt")).toEqual(["Status"]);
    expect(texts(root, ".cp-status dd")).toEqual(["Active"]);
    // Today is 2026-01-01 in the fake clock: 12 days since 2025-12-20.
    expect(texts(root, ".cp-last .cp-date")).toEqual(["2025-12-20"]);
    expect(texts(root, ".cp-relative")).toEqual(["12 days ago"]);
    expect(root.querySelector(".cp-badge-stale")).toBeNull();
    expect(texts(root, ".cp-count")).toEqual(["1 open task", "1 blocker", "2 decisions"]);
    expect(texts(root, ".cp-recent a")).toEqual(["2025-12-20 - Acme risks", "2025-10-01 - Acme kickoff"]);
    expect(texts(root, ".cp-contacts a")).toEqual(["Ann Lee"]);
  });

  it("lists the five most recent related notes, newest first", async () => {
    const files = crmVault();
    for (const d of ["02", "03", "04", "05", "06", "07"]) files[`Meetings/2025-11-${d} - Acme call.md`] = "With [[Acme]].\n";
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    // Seven related notes: these six and the kickoff of 2025-10-01.
    expect(texts(root, ".cp-recent a")).toEqual(["07", "06", "05", "04", "03"].map((d) => `2025-11-${d} - Acme call`));
  });

  it("shows the customer a meeting relates to, with a stale badge after the stale days", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { staleDays: 30 });
    await h.openFile("Meetings/2025-10-01 - Acme kickoff.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-name")).toEqual(["Acme"]);
    expect(texts(root, ".cp-badge-stale")).toEqual(["Stale"]);
    expect(texts(root, ".cp-relative")).toEqual(["92 days ago"]);
  });

  it("shows the customer a person or a project note belongs to (README: the customers a meeting, person or project note relates to)", async () => {
    const files = crmVault();
    files["Projects/Acme rollout.md"] = '---\ntype: project\ncustomer: "[[Acme]]"\n---\n# Acme rollout\n';
    const { h, plugin } = await startPlugin(files);
    await h.openFile("People/Ann Lee.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-name")).toEqual(["Acme"]);
    await h.openFile("Projects/Acme rollout.md");
    await h.settle();
    expect(texts(root, ".cp-name")).toEqual(["Acme"]);
    // Bob Stone is Globex's.
    await h.openFile("People/Bob Stone.md");
    await h.settle();
    expect(texts(root, ".cp-name")).toEqual(["Globex"]);
  });

  it("stale means older than the stale days: exactly that many days ago is not stale, one more is; a Stale after changed in the settings redraws the open panel", async () => {
    // Acme's last contact is the kickoff, 2025-10-01: 92 days before the fake clock's 2026-01-01.
    const { h, plugin } = await startPlugin(crmVault(), { staleDays: 92 });
    await h.openFile("Meetings/2025-10-01 - Acme kickoff.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-relative")).toEqual(["92 days ago"]);
    expect(root.querySelector(".cp-badge-stale")).toBeNull();
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Stale after").components[0] as never, "91");
    await h.settle();
    expect(plugin.settings.staleDays).toBe(91);
    expect(texts(root, ".cp-name")).toEqual(["Acme"]);
    expect(texts(root, ".cp-badge-stale")).toEqual(["Stale"]);
    userChange(findSetting(tab.containerEl, "Stale after").components[0] as never, "92");
    await h.settle();
    expect(texts(root, ".cp-name")).toEqual(["Acme"]);
    expect(root.querySelector(".cp-badge-stale")).toBeNull();
  });

  it("left open over midnight, it is drawn for the new day: relative days and the stale badge follow", async () => {
    // Acme's last contact is the kickoff, 2025-10-01; the fake clock is at noon of 2026-01-01.
    const { h, plugin } = await startPlugin(crmVault(), { staleDays: 92 });
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-relative")).toEqual(["92 days ago"]);
    expect(root.querySelector(".cp-badge-stale")).toBeNull();
    // Nothing happens in the vault or the workspace: only the day changes.
    await h.advance(12 * 60 * 60 * 1000 + 60 * 1000);
    expect(new Date(h.now()).getDate()).toBe(2);
    expect(texts(root, ".cp-relative")).toEqual(["93 days ago"]);
    expect(texts(root, ".cp-badge-stale")).toEqual(["Stale"]);
  });

  it("left open, it draws nothing while the day stays the same, and is drawn for the new day within a minute of midnight (B40-A)", async () => {
    // README: left open over midnight it is "drawn again within a minute". The fake clock is at noon;
    // the panel is opened at 12:25, so that no look at the day lands on midnight by the hour.
    const { h, plugin } = await startPlugin(crmVault(), { staleDays: 92 });
    await h.openFile("Customers/Acme.md");
    await h.advance(25 * 60 * 1000);
    const root = await panel(h, plugin);
    onTestFinished(() => {
      vi.restoreAllMocks();
    });
    const days: number[] = [];
    const refresh = StatusView.prototype.refresh;
    vi.spyOn(StatusView.prototype, "refresh").mockImplementation(function (this: StatusView) {
      refresh.call(this);
      days.push(new Date(h.now()).getDate());
    });
    // To half a minute before midnight: nothing in the vault or the workspace changes, nor the day.
    const start = new Date(h.now());
    await h.advance(new Date(2026, 0, 1, 23, 59, 30).getTime() - h.now());
    expect([start.getDate(), start.getHours(), new Date(h.now()).getDate()]).toEqual([1, 12, 1]);
    expect(days).toEqual([]);
    expect(texts(root, ".cp-relative")).toEqual(["92 days ago"]);
    // A minute and a half on (a minute after midnight): drawn once, for the new day.
    await h.advance(90 * 1000);
    expect(days).toEqual([2]);
    expect(texts(root, ".cp-relative")).toEqual(["93 days ago"]);
    expect(texts(root, ".cp-badge-stale")).toEqual(["Stale"]);
  });

  it("lists every customer by last contact, oldest first, when no customer is active", async () => {
    const files = crmVault();
    files["Customers/Initech.md"] = "---\ntype: customer\nstatus: Prospect\n---\n";
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Meetings/2025-10-03 - 1-1 Dana.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-row .cp-name")).toEqual(["Initech", "Acme", "Globex"]);
    expect(texts(root, ".cp-row .cp-badge-status")).toEqual(["Prospect", "Active"]);
    expect(texts(root, ".cp-row .cp-badge-stale")).toEqual(["No contact", "Stale", "Stale"]);
  });

  it("follows the active note and the index", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-name")).toEqual(["Acme"]);
    await h.openFile("Customers/Globex.md");
    await h.settle();
    expect(texts(root, ".cp-name")).toEqual(["Globex"]);
    await h.createExternally("Meetings/2025-12-31 - Globex party.md", "Party with [[Globex]].\n");
    await h.settle();
    expect(texts(root, ".cp-recent a")[0]).toBe("2025-12-31 - Globex party");
  });

  it("opens a note from its link and regenerates from its button", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    (root.querySelector(".cp-recent a") as HTMLElement).click();
    await h.settle();
    expect(h.workspace.getActiveFile()?.path).toBe("Meetings/2025-10-01 - Acme kickoff.md");
    await h.openFile("Customers/Acme.md");
    await h.settle();
    (root.querySelector(".cp-regenerate") as HTMLElement).click();
    await h.settle();
    expect(h.vaultWrites().map((w) => w.path)).toEqual(["Customers/Acme.md"]);
  });

  it("clicked into (Obsidian makes its leaf active) is not drawn anew: the button under the pointer is still there for the click", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const acme = await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    // The editor active again, as after working in the note; then a second tab on the same note.
    h.workspace.setActiveLeaf(acme.leaf, { focus: true });
    await h.settle();
    const second = await h.openFile("Customers/Acme.md", { newLeaf: "tab" });
    await h.settle();
    const button = root.querySelector(".cp-regenerate") as HTMLElement;
    // Pressing the button focuses the panel's pane: Obsidian makes its leaf active (active-leaf-change)
    // before the click arrives; the panel shows the same note, so the button stays the one pressed.
    h.workspace.setActiveLeaf(h.workspace.getLeavesOfType("customer-pages-status")[0]!, { focus: true });
    await h.settle();
    expect(button.isConnected).toBe(true);
    button.click();
    await h.settle();
    expect(h.vaultWrites().map((w) => w.path)).toEqual(["Customers/Acme.md"]);
    // (The page written is drawn anew, as it should be.) Back to the first tab on the same note:
    // nothing to draw anew.
    const link = root.querySelector(".cp-recent a") as HTMLElement;
    h.workspace.setActiveLeaf(acme.leaf, { focus: true });
    await h.settle();
    expect(link.isConnected).toBe(true);
    // Another note: drawn for it.
    h.workspace.setActiveLeaf(second.leaf, { focus: true });
    await h.openFile("Customers/Globex.md");
    await h.settle();
    expect(link.isConnected).toBe(false);
    expect(texts(root, ".cp-name")).toEqual(["Globex"]);
  });

  it("opens the very note its link names: a '#' in the name is no heading, and makes no new note", async () => {
    const files = crmVault();
    files["Meetings/2025-12-20 - C# review.md"] = "With [[Acme]].\n";
    const { h, plugin } = await startPlugin(files, { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    const before = h.vault.getFiles().length;
    const link = Array.from(root.querySelectorAll<HTMLElement>(".cp-recent a")).find((a) => a.textContent === "2025-12-20 - C# review")!;
    link.click();
    await h.settle();
    expect(h.workspace.getActiveFile()?.path).toBe("Meetings/2025-12-20 - C# review.md");
    expect(h.vault.getFiles().length).toBe(before);
  });

  it("is built with DOM helpers, not HTML strings", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { ROOT } = await import("../helpers/vault");
    for (const f of ["plugin/panel-render.ts", "core/status-parts.ts", "plugin/status-view.ts"]) {
      const src = readFileSync(join(ROOT, "src", f), "utf8");
      expect(src).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML/);
    }
  });

  it("copes with deferred views restored at startup", async () => {
    const { createFakeApp } = await import("../fake-obsidian/harness");
    const { default: Plugin } = await import("../../src/plugin/main");
    const h = createFakeApp({
      files: crmVault(),
      now: new Date(2026, 0, 1, 12).getTime(),
      layout: [
        { type: "markdown", state: { file: "Customers/Acme.md" } },
        { type: "markdown", state: { file: "Meetings/2025-10-03 - 1-1 Dana.md" }, active: true },
        { type: "customer-pages-status", side: "right" },
      ],
    });
    const plugin = await h.loadPlugin(Plugin, { manifest: { id: "customer-pages", name: "Customer Pages" } });
    await h.startup();
    await h.settle();
    const acmeLeaf = h.workspace.getLeavesOfType("markdown").find((l) => (l.getViewState().state as { file?: string }).file === "Customers/Acme.md")!;
    expect(acmeLeaf.isDeferred).toBe(true);
    // The page sits in a deferred tab: it is written through the vault, and the tab stays deferred.
    await h.modifyExternally("Meetings/2025-10-01 - Acme kickoff.md", "Kickoff with [[Ann Lee]] and [[Acme]].\n");
    await h.settle();
    expect(h.vaultWrites({ path: "Customers/Acme.md" }).map((w) => w.api)).toEqual(["vault.process"]);
    expect(acmeLeaf.isDeferred).toBe(true);
    // The panel, restored deferred too, loads when it is revealed.
    await plugin.openPanel();
    await h.settle();
    const views = h.workspace.getLeavesOfType("customer-pages-status").map((l) => l.view);
    expect(views).toHaveLength(1);
    expect(views[0]).toBeInstanceOf(StatusView);
    expect((views[0] as StatusView).contentEl.querySelector(".customer-pages-panel")).not.toBeNull();
  });
});

describe("account status panel and a customer page's editor", () => {
  const ACME = "Customers/Acme.md";

  /** Replaces `status: Active` in the editor's frontmatter, as typing would; Obsidian has not saved. */
  function typeStatus(editor: { getValue(): string; replaceRange(text: string, from: { line: number; ch: number }, to: { line: number; ch: number }): void }, status: string): void {
    const line = editor.getValue().split("\n").indexOf("status: Active");
    expect(line).toBeGreaterThan(0);
    editor.replaceRange(status, { line, ch: "status: ".length }, { line, ch: "status: Active".length });
  }

  it("shows the frontmatter the editor holds, typed and not saved, once the typing pauses", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const view = await h.openFile(ACME);
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-status dd")).toEqual(["Active"]);
    typeStatus(view.editor, "Churned");
    const tierLine = view.editor.getValue().split("\n").indexOf("status: Churned") + 1;
    view.editor.replaceRange("tier: Gold\n", { line: tierLine, ch: 0 }, { line: tierLine, ch: 0 });
    await h.advance(300);
    expect(texts(root, ".cp-status dd")).toEqual(["Active"]);
    await h.advance(300);
    expect(texts(root, ".cp-status dt")).toEqual(["Status", "Tier"]);
    expect(texts(root, ".cp-status dd")).toEqual(["Churned", "Gold"]);
    expect(h.read(ACME)).toContain("status: Active");
    // Obsidian saves: the index has it now, and the panel still shows it.
    await h.settle();
    expect(h.read(ACME)).toContain("status: Churned");
    expect(texts(root, ".cp-status dd")).toEqual(["Churned", "Gold"]);
  });

  it("shows it in the list of every customer too, while another note is active", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const view = await h.openFile(ACME);
    await h.openFile("Meetings/2025-10-03 - 1-1 Dana.md", { newLeaf: "tab" });
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-row .cp-badge-status")).toEqual(["Active"]);
    typeStatus(view.editor, "On hold");
    await h.advance(600);
    expect(texts(root, ".cp-row .cp-badge-status")).toEqual(["On hold"]);
    expect(h.read(ACME)).toContain("status: Active");
  });

  it("draws the list of every customer with one walk over the open tabs, however many customers there are", async () => {
    const files = crmVault();
    for (let i = 1; i <= 30; i++) files[`Customers/Client ${i}.md`] = "---\ntype: customer\nstatus: Active\n---\n";
    const { h, plugin } = await startPlugin(files, { refreshOnSave: false });
    await h.openFile("Customers/Client 7.md");
    await h.openFile("Meetings/2025-10-03 - 1-1 Dana.md", { newLeaf: "tab" });
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-row")).toHaveLength(32);
    const view = h.workspace.getLeavesOfType("customer-pages-status")[0]!.view as StatusView;
    const walks = vi.spyOn(h.workspace, "getLeavesOfType");
    view.refresh();
    expect(walks.mock.calls.filter(([type]) => type === "markdown")).toHaveLength(1);
    walks.mockRestore();
  });

  it("is not drawn again for typing that changes no frontmatter it shows, nor for a page it does not show", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const globex = await h.openFile("Customers/Globex.md", { newLeaf: "tab" });
    const acme = await h.openFile(ACME, { newLeaf: "tab" });
    await panel(h, plugin);
    const view = h.workspace.getLeavesOfType("customer-pages-status")[0]!.view as StatusView;
    const drawn = vi.spyOn(view, "refresh");
    // Typed in Acme's body, and in Globex's frontmatter (Acme is active: the panel shows Acme only).
    acme.editor.replaceRange("More notes.\n", { line: acme.editor.lastLine(), ch: 0 });
    globex.editor.replaceRange("status: Lost\n", { line: 1, ch: 0 });
    await h.advance(1000);
    expect(drawn).not.toHaveBeenCalled();
  });
});

describe("account status panel while a customer page is deleted or renamed", () => {
  // The kickoff names Acme in its file name (a mention) and links Ann Lee, whose company is Acme.
  const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";

  it("deleted: the panel on a meeting that named it shows the list of every customer, and the command is no longer offered", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 2 });
    await h.openFile(KICKOFF);
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-name")).toEqual(["Acme"]);
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n- [ ] Send the new plan\n"); // Acme waits for its refresh
    await h.advance(500);
    await h.deleteExternally("Customers/Acme.md");
    await h.settle();
    expect(texts(root, ".cp-section-title")).toEqual(["Customers by last contact"]);
    expect(texts(root, ".cp-name")).toEqual(["Globex"]);
    expect(h.availableCommands()).not.toContain("customer-pages:regenerate-page");
    expect(h.exists("Customers/Acme.md")).toBe(false);
  });

  it("renamed in Obsidian (links updated): the panel shows it under its new name", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    await h.openFile(KICKOFF);
    const root = await panel(h, plugin);
    await h.app.fileManager.renameFile(h.file("Customers/Acme.md"), "Customers/Acme Corp.md");
    await h.settle();
    // No longer named in the kickoff's file name ("Acme" is no name of it now), still reached through Ann Lee.
    expect(texts(root, ".cp-name")).toEqual(["Acme Corp"]);
    expect(texts(root, ".cp-recent a")).toEqual(["2025-10-01 - Acme kickoff"]);
  });
});

describe("account status panel while a note cannot be read", () => {
  const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
  const HELD = ".cp-held";
  const HELD_TEXT = "A note cannot be read (see the warnings): what it gives may be missing here, and no customer page is written until it can be read.";

  it("says that it may lack what a note it holds no text of gives, while no page is written; the line goes once the note is read", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-count")).toEqual(["1 open task", "0 blockers", "0 decisions"]);
    expect(root.querySelector(HELD)).toBeNull();
    // Moved by another program while a sync tool holds it: the plugin has no text of it under its
    // new name, so its task is missing from what the panel counts — and no customer page is written.
    h.failReads(KICKOFF);
    await h.renameExternally(KICKOFF, "Meetings/2025-10-01 - Acme kick-off.md");
    await h.settle();
    expect(texts(root, ".cp-count")).toEqual(["0 open tasks", "0 blockers", "0 decisions"]);
    expect(texts(root, HELD)).toEqual([HELD_TEXT]);
    // Above the customer, where it is read first.
    expect(root.querySelector(".customer-pages-panel")!.firstElementChild!.matches(HELD)).toBe(true);
    // The list of every customer says it too.
    await h.openFile("Meetings/2025-10-03 - 1-1 Dana.md");
    await h.settle();
    expect(texts(root, ".cp-section-title")).toEqual(["Customers by last contact"]);
    expect(texts(root, HELD)).toHaveLength(1);
    // Read again at its next change: the line goes, and its task is counted.
    h.allowReads("Meetings/2025-10-01 - Acme kick-off.md");
    await h.modifyExternally("Meetings/2025-10-01 - Acme kick-off.md", "Kickoff with [[Ann Lee]].\n\n- [ ] Send the plan\n");
    await h.settle();
    expect(root.querySelector(HELD)).toBeNull();
    await h.openFile("Customers/Acme.md");
    await h.settle();
    expect(texts(root, ".cp-count")).toEqual(["1 open task", "0 blockers", "0 decisions"]);
    expect(root.querySelector(HELD)).toBeNull();
  });

  it("counts the warning of a change that cannot be read, once the notes pause, and says nothing more: the note as last read is used, as for the pages", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    h.failReads(KICKOFF);
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n");
    await h.settle();
    expect(texts(root, ".cp-count")).toEqual(["1 open task", "0 blockers", "0 decisions"]);
    expect(root.querySelector(HELD)).toBeNull();
    // Its warning counted (no customer's page changed: the index keeps the note as last read).
    expect(texts(root, ".customer-pages-panel-warnings")).toEqual(["1 warning"]);
    // Read again holding the text last read (the change undone): no page changes, and the warning
    // goes from the count too.
    h.allowReads(KICKOFF);
    await h.modifyExternally(KICKOFF, crmVault()[KICKOFF]!);
    await h.settle();
    expect(texts(root, ".cp-count")).toEqual(["1 open task", "0 blockers", "0 decisions"]);
    expect(root.querySelector(".customer-pages-panel-warnings")).toBeNull();
  });
});

describe("account status panel drawn once for a note read at last, or lost (B39-H)", () => {
  const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
  const MOVED = "Meetings/2025-10-01 - Acme kick-off.md";

  /** What each drawing of the panel showed: its counts, and whether the line of a note held is there. */
  function drawings(h: Awaited<ReturnType<typeof startPlugin>>["h"]): string[] {
    const seen: string[] = [];
    const refresh = StatusView.prototype.refresh;
    vi.spyOn(StatusView.prototype, "refresh").mockImplementation(function (this: StatusView) {
      refresh.call(this);
      const root = h.workspace.getLeavesOfType("customer-pages-status")[0]!.view.containerEl;
      seen.push(`${texts(root, ".cp-count")[0]!}${root.querySelector(".cp-held") === null ? "" : ", held"}`);
    });
    return seen;
  }

  it("a note lost and then read: each change of the vault is one drawing, showing the index with the change in it", async () => {
    // No rounds, so that only the vault's changes (and the count after them) draw the panel.
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    await panel(h, plugin);
    onTestFinished(() => {
      vi.restoreAllMocks();
    });
    const seen = drawings(h);
    h.failReads(KICKOFF);
    await h.renameExternally(KICKOFF, MOVED);
    await h.settle();
    // Another program's move is a delete (the task goes), then a note made that cannot be read (the
    // line comes), then its warning counted once the notes pause (drawn: the count went 0 → 1). The
    // note made was drawn twice: once for its warning, before the index held it, then for the index.
    expect(seen).toEqual(["0 open tasks", "0 open tasks, held", "0 open tasks, held"]);
    seen.length = 0;
    h.allowReads(MOVED);
    await h.modifyExternally(MOVED, "Kickoff with [[Ann Lee]].\n\n- [ ] Send the plan\n");
    await h.settle();
    // Read at last: the index with its task, the line gone; then the count (1 → 0). Its warning was
    // told gone before the index took its text: the panel was first drawn with neither.
    expect(seen).toEqual(["1 open task", "1 open task"]);
  });

  it("a note lost, then renamed in Obsidian and read under its new name: one drawing for the rename, showing its task (B40-A)", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    await panel(h, plugin);
    onTestFinished(() => {
      vi.restoreAllMocks();
    });
    h.failReads(KICKOFF);
    await h.renameExternally(KICKOFF, MOVED);
    await h.settle();
    const seen = drawings(h);
    h.allowReads(MOVED);
    await h.renameInObsidian(MOVED, KICKOFF);
    await h.settle();
    // The rename is read under the new name: one drawing, the index with its task, the line gone.
    // Its warning, about the old name, goes with the rename, told once the index holds it; the count
    // is worked out anew at that drawing (a rename renames the warnings too), so it draws no more.
    expect(seen).toEqual(["1 open task"]);
  });
});

describe("the panel's links open as links do everywhere in Obsidian (B31-C)", () => {
  async function acmePanel(): Promise<{ h: Awaited<ReturnType<typeof startPlugin>>["h"]; link: HTMLAnchorElement }> {
    const { h, plugin } = await startPlugin(crmVault());
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    const link = Array.from(root.querySelectorAll<HTMLAnchorElement>(".cp-recent a")).find((a) => a.textContent === "2025-10-01 - Acme kickoff")!;
    expect(link).toBeDefined();
    return { h, link };
  }
  const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
  const shown = shownFiles;

  it("a plain click opens the note in place of the page", async () => {
    const { h, link } = await acmePanel();
    link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await h.settle();
    expect(shown(h)).toEqual([KICKOFF]);
  });

  it("Ctrl-click and a middle click open it in a new tab, the page staying open in its own", async () => {
    for (const ev of [new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true }), new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 1 })]) {
      const { h, link } = await acmePanel();
      const page = h.workspace.getLeavesOfType("markdown")[0]!;
      link.dispatchEvent(ev);
      expect(ev.defaultPrevented).toBe(true);
      await h.settle();
      expect(shown(h)).toEqual(["Customers/Acme.md", KICKOFF]);
      // A tab beside the page's, in the same tab group.
      expect(h.workspace.getLeavesOfType("markdown")[1]!.parent).toBe(page.parent);
    }
  });

  it("on macOS Cmd is the modifier: Cmd-click opens a new tab, a click with Ctrl held opens in place (B31-F)", async () => {
    Platform.isMacOS = true;
    try {
      const { h, link } = await acmePanel();
      link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true }));
      await h.settle();
      expect(shown(h)).toEqual([KICKOFF]);
      await h.openFile("Customers/Acme.md");
      link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, metaKey: true }));
      await h.settle();
      expect(shown(h)).toEqual(["Customers/Acme.md", KICKOFF]);
    } finally {
      Platform.isMacOS = false;
    }
  });

  it("Ctrl+Alt-click opens it in a split; a right button's auxclick opens nothing", async () => {
    const { h, link } = await acmePanel();
    const page = h.workspace.getLeavesOfType("markdown")[0]!;
    link.dispatchEvent(new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 2 }));
    await h.settle();
    expect(shown(h)).toEqual(["Customers/Acme.md"]);
    link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true, altKey: true }));
    await h.settle();
    expect(shown(h)).toEqual(["Customers/Acme.md", KICKOFF]);
    expect(h.workspace.getLeavesOfType("markdown")[1]!.parent).not.toBe(page.parent);
  });

  it("hovering asks for Page preview of the note, from a source registered as the panel", async () => {
    const { h, link } = await acmePanel();
    expect((h.app as unknown as { hoverLinkSources: Record<string, unknown> }).hoverLinkSources["customer-pages-status"]).toEqual({ display: "Account status panel", defaultMod: true });
    const seen: unknown[] = [];
    (h.workspace as unknown as Events).on("hover-link", (info: unknown) => seen.push(info));
    const event = new MouseEvent("mouseover", { bubbles: true });
    link.dispatchEvent(event);
    const leaf = h.workspace.getLeavesOfType("customer-pages-status")[0]!;
    expect(seen).toEqual([{ event, source: "customer-pages-status", hoverParent: leaf.view, targetEl: link, linktext: KICKOFF, sourcePath: "" }]);
    // A hover parent as Obsidian's typings have it: Page preview keeps the popover it opens there.
    const parent: HoverParent = leaf.view as StatusView;
    expect(parent.hoverPopover).toBeNull();
  });

  it("a note whose name holds '^' and no '#' gets its preview: only '#' starts a heading or block in a link (B31-F)", async () => {
    const files = crmVault();
    files["Meetings/2025-12-20 - Q^2 review.md"] = "With [[Acme]].\n";
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    const link = Array.from(root.querySelectorAll<HTMLAnchorElement>(".cp-recent a")).find((a) => a.textContent === "2025-12-20 - Q^2 review")!;
    const seen: Array<{ linktext: string }> = [];
    (h.workspace as unknown as Events).on("hover-link", (info: unknown) => seen.push(info as { linktext: string }));
    link.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    expect(seen.map((i) => i.linktext)).toEqual(["Meetings/2025-12-20 - Q^2 review.md"]);
    // The link text names that note, as Page preview reads it.
    expect(parseLinktext(seen[0]!.linktext)).toEqual({ path: "Meetings/2025-12-20 - Q^2 review.md", subpath: "" });
  });

  it("a note whose name holds '#' gets no preview, which would read it as a heading of another note", async () => {
    const files = crmVault();
    files["Meetings/2025-12-20 - C# review.md"] = "With [[Acme]].\n";
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    const link = Array.from(root.querySelectorAll<HTMLAnchorElement>(".cp-recent a")).find((a) => a.textContent === "2025-12-20 - C# review")!;
    const seen: unknown[] = [];
    (h.workspace as unknown as Events).on("hover-link", (info: unknown) => seen.push(info));
    link.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    expect(seen).toEqual([]);
  });
});

describe("an Account Status value holding a link shows it as Obsidian shows the page's table (B39-H)", () => {
  const ACME =
    "---\ntype: customer\nstatus: Active\ntier: \"[[Nobody Yet]]\"\nowner: \"[[Ann Lee]]\"\n" +
    "stage: \"[[Ann Lee|Ann]] via [the kickoff](<Meetings/2025-10-01 - Acme kickoff.md>)\"\n" +
    "renewal: \"see https://example.com/renewal. Then [z](javascript:alert(1)) <b>bold</b>\"\n---\n# Acme\n";
  async function acme(active = "Customers/Acme.md"): Promise<{ h: Awaited<ReturnType<typeof startPlugin>>["h"]; root: HTMLElement }> {
    const files = crmVault();
    files["Customers/Acme.md"] = ACME;
    const { h, plugin } = await startPlugin(files);
    await h.openFile(active);
    return { h, root: await panel(h, plugin) };
  }
  const statusLink = (root: HTMLElement, text: string): HTMLAnchorElement => {
    const a = Array.from(root.querySelectorAll<HTMLAnchorElement>(".cp-status a, .cp-badge-status a")).find((x) => x.textContent === text);
    expect(a, text).toBeDefined();
    return a!;
  };

  it("the text Obsidian shows: a link's name or alias, no brackets; the rest as written, never as HTML", async () => {
    const { root } = await acme();
    expect(texts(root, ".cp-status dt")).toEqual(["Status", "Tier", "Owner", "Stage", "Renewal"]);
    expect(texts(root, ".cp-status dd")).toEqual(["Active", "Nobody Yet", "Ann Lee", "Ann via the kickoff", "see https://example.com/renewal. Then [z](javascript:alert(1)) <b>bold</b>"]);
    expect(texts(root, ".cp-status a.internal-link")).toEqual(["Nobody Yet", "Ann Lee", "Ann", "the kickoff"]);
    expect(Array.from(root.querySelectorAll<HTMLElement>(".cp-status a.internal-link")).map((a) => a.dataset.href)).toEqual([
      "Nobody Yet",
      "Ann Lee",
      "Ann Lee",
      "Meetings/2025-10-01 - Acme kickoff.md",
    ]);
    // Unresolved as Obsidian marks one; the others not.
    expect(Array.from(root.querySelectorAll(".cp-status a.internal-link")).map((a) => a.classList.contains("is-unresolved"))).toEqual([true, false, false, false]);
    // A web address is a web link up to its last character (the full stop ends the sentence); a
    // `javascript:` link is no link, and the tag is text.
    const web = Array.from(root.querySelectorAll<HTMLAnchorElement>(".cp-status a.external-link"));
    // Opened in the browser as the reading view's external links are: `noopener`, so the page gets no
    // handle on Obsidian's window (B41-A: no test asked for it).
    expect(web.map((a) => [a.textContent, a.getAttribute("href"), a.getAttribute("target"), a.getAttribute("rel")])).toEqual([
      ["https://example.com/renewal", "https://example.com/renewal", "_blank", "noopener nofollow"],
    ]);
    expect(root.querySelector(".cp-status b")).toBeNull();
    expect(root.querySelectorAll(".cp-status a")).toHaveLength(5);
  });

  it("a link opens its note as the page's would: a click in place, a middle click in a new tab; the markdown link too", async () => {
    const { h, root } = await acme();
    statusLink(root, "Ann Lee").dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await h.settle();
    expect(shownFiles(h)).toEqual(["People/Ann Lee.md"]);
    await h.openFile("Customers/Acme.md");
    await h.settle();
    const middle = new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 1 });
    statusLink(root, "the kickoff").dispatchEvent(middle);
    expect(middle.defaultPrevented).toBe(true);
    await h.settle();
    expect(shownFiles(h)).toEqual(["Customers/Acme.md", "Meetings/2025-10-01 - Acme kickoff.md"]);
  });

  it("hovering asks for Page preview of the link as the page holds it, from the panel's source", async () => {
    const { h, root } = await acme();
    const seen: unknown[] = [];
    (h.workspace as unknown as Events).on("hover-link", (info: unknown) => seen.push(info));
    const a = statusLink(root, "Ann");
    const event = new MouseEvent("mouseover", { bubbles: true });
    a.dispatchEvent(event);
    const view = h.workspace.getLeavesOfType("customer-pages-status")[0]!.view;
    expect(seen).toEqual([{ event, source: "customer-pages-status", hoverParent: view, targetEl: a, linktext: "Ann Lee", sourcePath: "Customers/Acme.md" }]);
  });

  it("an unresolved link, clicked, makes its note and opens it, as Obsidian does", async () => {
    const { h, root } = await acme();
    expect(h.vault.getFileByPath("Nobody Yet.md")).toBeNull();
    statusLink(root, "Nobody Yet").dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await h.settle();
    expect(h.vault.getFileByPath("Nobody Yet.md")).not.toBeNull();
    expect(shownFiles(h)).toEqual(["Nobody Yet.md"]);
  });

  it("links resolved as from the page, as Obsidian resolves the page's own: a markdown link's path relative to it, a heading, a name two notes share (B40-A)", async () => {
    // Obsidian's "Relative path to file" link format writes `[Ann](../People/Ann%20Lee.md)`; `./Ann
    // Lee.md` names a note beside the page, which there is not; `[[Plan]]` is the page's nearest Plan.
    const files = crmVault();
    files["Customers/Acme.md"] =
      "---\ntype: customer\nowner: \"[Ann](../People/Ann%20Lee.md), not [her](./Ann%20Lee.md)\"\ntier: \"[[Ann Lee#Contact]]\"\nstatus: \"[[Plan]]\"\n---\n# Acme\n";
    files["Customers/Acme/Plan.md"] = "The plan.\n";
    files["Meetings/Plan.md"] = "Another plan.\n";
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    expect(Array.from(root.querySelectorAll<HTMLElement>(".cp-status a.internal-link")).map((a) => [a.textContent, a.dataset.href, a.classList.contains("is-unresolved")])).toEqual([
      ["Plan", "Plan", false],
      ["Ann Lee > Contact", "Ann Lee#Contact", false],
      ["Ann", "../People/Ann Lee.md", false],
      ["her", "./Ann Lee.md", true],
    ]);
    const files0 = h.vault.getFiles().map((f) => f.path).sort();
    statusLink(root, "Ann").dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await h.settle();
    expect(shownFiles(h)).toEqual(["People/Ann Lee.md"]);
    await h.openFile("Customers/Acme.md");
    await h.settle();
    statusLink(root, "Plan").dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await h.settle();
    expect(shownFiles(h)).toEqual(["Customers/Acme/Plan.md"]);
    // So from the list of every customer, shown while a note relating to none is open.
    await h.openFile("Meetings/2025-10-03 - 1-1 Dana.md");
    await h.settle();
    statusLink(root, "Plan").dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await h.settle();
    expect(shownFiles(h)).toEqual(["Customers/Acme/Plan.md"]);
    // No note made for either, as a click on an unresolved link would make one.
    expect(h.vault.getFiles().map((f) => f.path).sort()).toEqual(files0);
  });

  it("web links, bare addresses as GFM ends them, an image, a link to a heading of the page and a link of no text (B40-A)", async () => {
    const files = crmVault();
    files["Customers/Acme.md"] =
      "---\ntype: customer\n" +
      'status: "[mail](mailto:ann@example.com) or http://example.org/x and [](https://example.com/empty)"\n' +
      'industry: "(see https://example.com/a) https://en.wikipedia.org/wiki/Foo_(bar)"\n' +
      'tier: "![logo](logo.png) [the notes](#Notes) with [[Ann Lee]]"\n' +
      'owner: "[](../People/Ann%20Lee.md#Contact)"\n' +
      'renewal: "[[Ann Lee|]]"\n' +
      "---\n# Acme\n";
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-status dd")).toEqual([
      "mail or http://example.org/x and https://example.com/empty",
      "(see https://example.com/a) https://en.wikipedia.org/wiki/Foo_(bar)",
      "logo the notes with Ann Lee",
      "../People/Ann Lee.md",
      "Ann Lee",
    ]);
    // A `mailto:` link and bare `http://` addresses are web links; a link of no text shows its
    // address; a `)` ends an address it does not close, and is part of one it does (GFM).
    expect(Array.from(root.querySelectorAll<HTMLAnchorElement>(".cp-status a.external-link")).map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["mail", "mailto:ann@example.com"],
      ["http://example.org/x", "http://example.org/x"],
      ["https://example.com/empty", "https://example.com/empty"],
      ["https://example.com/a", "https://example.com/a"],
      ["https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"],
    ]);
    // An image is a link to its file showing its alt text, as an embed is since B40-B (the vault
    // holds no logo.png: unresolved); `#Notes` is a heading of the page itself; a link of no text
    // shows its target, decoded, and keeps its heading; so does a wikilink of an empty alias.
    expect(Array.from(root.querySelectorAll<HTMLElement>(".cp-status a.internal-link")).map((a) => [a.textContent, a.dataset.href, a.classList.contains("is-unresolved")])).toEqual([
      ["logo", "logo.png", true],
      ["the notes", "#Notes", false],
      ["Ann Lee", "Ann Lee", false],
      ["../People/Ann Lee.md", "../People/Ann Lee.md#Contact", false],
      ["Ann Lee", "Ann Lee", false],
    ]);
  });

  it("the list of every customer shows a status the same way", async () => {
    const files = crmVault();
    files["Customers/Acme.md"] = "---\ntype: customer\nstatus: \"[[Ann Lee|Ann]]'s account, [[Nobody Yet]]\"\n---\n";
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Meetings/2025-10-03 - 1-1 Dana.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-row .cp-badge-status")).toEqual(["Ann's account, Nobody Yet"]);
    expect(Array.from(root.querySelectorAll(".cp-badge-status a.internal-link")).map((a) => [a.textContent, a.classList.contains("is-unresolved")])).toEqual([
      ["Ann", false],
      ["Nobody Yet", true],
    ]);
    statusLink(root, "Ann").dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await h.settle();
    expect(shownFiles(h)).toEqual(["People/Ann Lee.md"]);
  });
});

/** A status value's DOM as tags and text: `<a>` with its classes and href, every other element by its tag. */
function outline(el: Node): string {
  let out = "";
  for (const n of Array.from(el.childNodes)) {
    if (n.nodeType === 3) out += n.textContent;
    else if (n instanceof HTMLAnchorElement) out += `<a ${n.className} ${n.getAttribute("href")}>${outline(n)}</a>`;
    else if (n instanceof HTMLElement) out += `<${n.tagName.toLowerCase()}>${outline(n)}</${n.tagName.toLowerCase()}>`;
  }
  return out;
}

describe("an Account Status value's other markdown shows as Obsidian's reading view draws the page's table (B40-B)", () => {
  // Each worked out by hand from CommonMark (code spans bind tighter than links and emphasis; `_`
  // inside a word is no emphasis; `***` is `<em><strong>`; an unclosed `**` is text), GFM
  // (`~~`, `www.` and e-mail autolinks, trailing punctuation not part of them) and Obsidian
  // (`==highlight==`; an embed's `|100` is its size).
  const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
  const cases: Array<[string, string]> = [
    ["**Active** — *renewal* in _Q3_, not snake_case", "<strong>Active</strong> — <em>renewal</em> in <em>Q3</em>, not snake_case"],
    ["`[[Ann Lee]]` and `*x*` are code, ``a ` tick`` too", "<code>[[Ann Lee]]</code> and <code>*x*</code> are code, <code>a ` tick</code> too"],
    ["==at risk==, ~~churned~~, ~one~", "<mark>at risk</mark>, <del>churned</del>, ~one~"],
    ["\\[[Ann Lee]] and \\*stars\\*", "[[Ann Lee]] and *stars*"],
    ["www.example.com/a, jane@example.com.", "<a external-link http://www.example.com/a>www.example.com/a</a>, <a external-link mailto:jane@example.com>jane@example.com</a>."],
    ["<b>bold</b> <img src=x onerror=alert(1)> *em*", "<b>bold</b> <img src=x onerror=alert(1)> <em>em</em>"],
    ["![[logo.png]] ![[logo.png|100]] ![Logo](logo.png)", "<a internal-link is-unresolved logo.png>logo.png</a> <a internal-link is-unresolved logo.png>logo.png</a> <a internal-link is-unresolved logo.png>Logo</a>"],
    [`*[[Ann Lee]]*, [**the** kickoff](<${KICKOFF}>)`, `<em><a internal-link Ann Lee>Ann Lee</a></em>, <a internal-link ${KICKOFF}><strong>the</strong> kickoff</a>`],
    ["***both*** and **open", "<em><strong>both</strong></em> and **open"],
  ];
  async function vault(): Promise<Awaited<ReturnType<typeof startPlugin>>> {
    const files = crmVault();
    // JSON's string is YAML's double-quoted one: the value exactly as written above.
    cases.forEach(([value], k) => (files[`Customers/C${k}.md`] = `---\ntype: customer\nstatus: ${JSON.stringify(value)}\n---\n# C${k}\n`));
    return startPlugin(files);
  }

  it("emphasis, code, highlight, strikethrough, escapes, www. and e-mail addresses, embeds; HTML as text: the same in the list of every customer and in each customer's block", async () => {
    const { h, plugin } = await vault();
    await h.openFile("Meetings/2025-10-03 - 1-1 Dana.md");
    const root = await panel(h, plugin);
    const badges = new Map(Array.from(root.querySelectorAll(".cp-row")).map((row) => [row.querySelector(".cp-name")!.textContent, row.querySelector(".cp-badge-status")!]));
    expect(cases.map((_, k) => outline(badges.get(`C${k}`)!))).toEqual(cases.map(([, shown]) => shown));
    for (const [k, [, shown]] of cases.entries()) {
      await h.openFile(`Customers/C${k}.md`);
      await h.settle();
      expect(texts(root, ".cp-status dt")).toEqual(["Status"]);
      expect(outline(root.querySelector(".cp-status dd")!), `C${k}`).toBe(shown);
    }
  });

  it("emphasis nested 20,000 deep is drawn, its text whole, in elements no deeper than twenty", async () => {
    const n = 20_000;
    const files = crmVault();
    // `*x *x … y* y*`: each `*x` opens, each `y*` closes the nearest one (CommonMark): nested n deep.
    files["Customers/Acme.md"] = `---\ntype: customer\nstatus: "${("*x ".repeat(n) + "y* ".repeat(n)).trim()}"\n---\n`;
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    expect(root.querySelector(".cp-status dd")!.textContent).toBe(("x ".repeat(n) + "y ".repeat(n)).trim());
    expect(root.querySelectorAll(".cp-status em")).toHaveLength(20);
    expect(root.querySelector(".cp-status dd > em")!.textContent).toBe(("x ".repeat(n) + "y ".repeat(n)).trim());
  });

  it("a code span inside emphasis twenty deep is drawn as its text: still no element deeper than twenty (B40-E)", async () => {
    const files = crmVault();
    files["Customers/Acme.md"] = `---\ntype: customer\nstatus: "${"*x ".repeat(20)}\`c\` ${"y* ".repeat(20).trim()}"\n---\n`;
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    const dd = root.querySelector(".cp-status dd")!;
    expect(dd.textContent).toBe(`${"x ".repeat(20)}c ${"y ".repeat(20).trim()}`);
    expect(dd.querySelectorAll("em")).toHaveLength(20);
    // The twentieth em holds the code span's text, not a twenty-first element.
    let inner: Element = dd;
    for (let k = 0; k < 20; k++) inner = inner.querySelector(":scope > em")!;
    expect(inner.children).toHaveLength(0);
    expect(inner.textContent).toBe("x c y");
  });

  it("links at the twentieth level: each is the twentieth element, its text's emphasis drawn as text (B41-A)", async () => {
    // A link counts a level as emphasis does: its own text's parts are one level deeper.
    const files = crmVault();
    files["Customers/Acme.md"] = `---\ntype: customer\nstatus: "${"*x ".repeat(19)}[*a*](Plan.md) [*b*](https://acme.com) ${"y* ".repeat(19).trim()}"\n---\n`;
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    const dd = root.querySelector(".cp-status dd")!;
    expect(dd.textContent).toBe(`${"x ".repeat(19)}a b ${"y ".repeat(19).trim()}`);
    expect(dd.querySelectorAll("em")).toHaveLength(19);
    let inner: Element = dd;
    for (let k = 0; k < 19; k++) inner = inner.querySelector(":scope > em")!;
    const links = Array.from(inner.children);
    expect(links.map((a) => [a.tagName, a.className.split(" ")[0], a.textContent, a.children.length])).toEqual([
      ["A", "internal-link", "a", 0],
      ["A", "external-link", "b", 0],
    ]);
  });

  it("a link inside emphasis, and one whose text is emphasised, open their notes", async () => {
    const { h, plugin } = await vault();
    await h.openFile("Customers/C7.md");
    const root = await panel(h, plugin);
    root.querySelector<HTMLElement>(".cp-status em a.internal-link")!.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await h.settle();
    expect(shownFiles(h)).toEqual(["People/Ann Lee.md"]);
    await h.openFile("Customers/C7.md");
    await h.settle();
    root.querySelector<HTMLElement>(".cp-status a.internal-link strong")!.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await h.settle();
    expect(shownFiles(h)).toEqual([KICKOFF]);
  });
});

describe("an Account Status value's comments, tags, entities, math and footnotes as Obsidian's reading view shows them (B41-C)", () => {
  // Worked out by hand: Obsidian hides `%%…%%` and `<!-- -->`; a tag after white space is its tag
  // link (`#1984`, only digits, is none; `a#b` inside a word is none); CommonMark decodes
  // `&amp;` and `&#x2014;`, not `&nosuch;`; math and a footnote reference are shown as written,
  // math's `*` no emphasis.
  const VALUE = "Active %%churn risk, ask Dana%% <!-- internal --> #renewal #1984 a#b &amp; &#x2014; &nosuch; $x*y*$ [^1]";
  const SHOWN = "Active   <a tag #renewal>#renewal</a> #1984 a#b & \u2014 &nosuch; $x*y*$ [^1]";
  async function acme(): Promise<Awaited<ReturnType<typeof startPlugin>>> {
    const files = crmVault();
    files["Customers/Acme.md"] = `---\ntype: customer\nstatus: ${JSON.stringify(VALUE)}\n---\n# Acme\n`;
    return startPlugin(files);
  }

  it("in each customer's block and in the list of every customer", async () => {
    const { h, plugin } = await acme();
    await h.openFile("Meetings/2025-10-03 - 1-1 Dana.md");
    const root = await panel(h, plugin);
    const row = Array.from(root.querySelectorAll(".cp-row")).find((r) => r.querySelector(".cp-name")!.textContent === "Acme")!;
    expect(outline(row.querySelector(".cp-badge-status")!)).toBe(SHOWN);
    await h.openFile("Customers/Acme.md");
    await h.settle();
    expect(outline(root.querySelector(".cp-status dd")!)).toBe(SHOWN);
  });

  it("a tag right after a piece of its own (bold's `**`, a bracket pair) is a tag; after punctuation that is text, not (B42-B)", async () => {
    // By hand, as Obsidian reads them (tests/plugin/status-parts, B42-B): `**#renewal**` a bold tag,
    // `[#q3]` a tag in brackets; `(#churn)`, `"#vip"` and `a *#b` (a `*` that pairs with nothing) text.
    const value = '**#renewal** (#churn) [#q3] "#vip" a *#b';
    const shown = '<strong><a tag #renewal>#renewal</a></strong> (#churn) [<a tag #q3>#q3</a>] "#vip" a *#b';
    const files = crmVault();
    files["Customers/Acme.md"] = `---\ntype: customer\nstatus: ${JSON.stringify(value)}\n---\n# Acme\n`;
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Meetings/2025-10-03 - 1-1 Dana.md");
    const root = await panel(h, plugin);
    const row = Array.from(root.querySelectorAll(".cp-row")).find((r) => r.querySelector(".cp-name")!.textContent === "Acme")!;
    expect(outline(row.querySelector(".cp-badge-status")!)).toBe(shown);
    await h.openFile("Customers/Acme.md");
    await h.settle();
    expect(outline(root.querySelector(".cp-status dd")!)).toBe(shown);
  });

  it("a status that is all comment shows no badge in the list; the customer's block has its row, empty, as the page's table", async () => {
    const files = crmVault();
    files["Customers/Acme.md"] = "---\ntype: customer\nstatus: \"%%to do%% <!-- ask -->\"\ntier: Gold\n---\n# Acme\n";
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Meetings/2025-10-03 - 1-1 Dana.md");
    const root = await panel(h, plugin);
    const row = Array.from(root.querySelectorAll(".cp-row")).find((r) => r.querySelector(".cp-name")!.textContent === "Acme")!;
    expect(row.querySelector(".cp-badge-status")).toBeNull();
    await h.openFile("Customers/Acme.md");
    await h.settle();
    expect(texts(root, ".cp-status dt")).toEqual(["Status", "Tier"]);
    expect(texts(root, ".cp-status dd")).toEqual([" ", "Gold"]);
  });

  it("a tag's click and middle click follow nothing: opening search needs an internal API; no note is opened or made, the window's address stays", async () => {
    const { h, plugin } = await acme();
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    const files = h.vault.getFiles().length;
    const hash = window.location.hash;
    const tag = root.querySelector<HTMLAnchorElement>(".cp-status a.tag")!;
    const click = new MouseEvent("click", { bubbles: true, cancelable: true });
    tag.dispatchEvent(click);
    const middle = new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 1 });
    tag.dispatchEvent(middle);
    await h.settle();
    expect([click.defaultPrevented, middle.defaultPrevented]).toEqual([true, true]);
    expect(shownFiles(h)).toEqual(["Customers/Acme.md"]);
    expect(h.vault.getFiles()).toHaveLength(files);
    expect(window.location.hash).toBe(hash);
  });
});

describe("an Account Status link whose text holds a code span with a bracket (B42-H)", () => {
  it("is a link, as in the page's reading view and the index: the code span's `]` ends no text", async () => {
    const files = crmVault();
    files["Customers/Acme.md"] = '---\ntype: customer\nstatus: "[the `]` kickoff](<Meetings/2025-10-01 - Acme kickoff.md>)"\n---\n# Acme\n';
    const { h, plugin } = await startPlugin(files);
    await h.openFile("Customers/Acme.md");
    const root = await panel(h, plugin);
    expect(texts(root, ".cp-status dd")).toEqual(["the ] kickoff"]);
    expect(texts(root, ".cp-status a.internal-link code")).toEqual(["]"]);
    const a = root.querySelector<HTMLAnchorElement>(".cp-status a.internal-link")!;
    expect(a.dataset.href).toBe("Meetings/2025-10-01 - Acme kickoff.md");
    a.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    await h.settle();
    expect(shownFiles(h)).toEqual(["Meetings/2025-10-01 - Acme kickoff.md"]);
  });
});
