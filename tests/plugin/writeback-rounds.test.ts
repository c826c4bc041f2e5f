// @vitest-environment happy-dom
// Refresh on save and ticks: a round that starts for one page takes along every other page still
// waiting for its refresh delay that holds a tick not yet written back, so that the same task
// ticked on two pages before the delay ran out is one tick, as in one run of the CLI (B16).
import { afterEach, describe, expect, it, vi } from "vitest";
import { openModals } from "../fake-obsidian/modal";
import { crmVault, startPlugin, type Started } from "./setup";

const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
const GLOBEX_SYNC = "Meetings/2025-10-02 - Globex sync.md";

const JOINT = "Meetings/2025-10-05 - Joint call.md";
const ACME = "Customers/Acme.md";
const GLOBEX = "Customers/Globex.md";
const TASK = "Send the contract ([[2025-10-05 - Joint call]])";

function vault(lines = 1): Record<string, string> {
  const files = crmVault();
  files[JOINT] = `Call with [[Acme]] and [[Globex]].\n\n${"- [ ] Send the contract\n".repeat(lines)}`;
  return files;
}

function tick(text: string, status: string): string {
  const next = text.replace(`- [ ] ${TASK}`, `- [${status}] ${TASK}`);
  expect(next).not.toBe(text);
  return next;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("refresh on save: ticks on pages waiting for their delay go in one round", () => {
  it("the same task ticked on two pages before the delay: only the first of two identical lines in the note is closed", async () => {
    const { h, plugin } = await startPlugin(vault(2));
    await plugin.regenerateAll();
    await h.settle();
    // The pages show the two identical lines as one task.
    for (const p of [ACME, GLOBEX]) expect(h.read(p).split(`- [ ] ${TASK}`)).toHaveLength(2);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Both boxes ticked before either page's refresh delay ran out (Sync, or two panes).
    await h.modifyExternally(ACME, tick(h.read(ACME), "x"));
    await h.advance(500);
    await h.modifyExternally(GLOBEX, tick(h.read(GLOBEX), "x"));
    h.clearLogs();
    await h.settle();
    // One tick, as one run of the CLI makes it (Obsidian Tasks' rule: the first open line).
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n- [ ] Send the contract\n");
    for (const p of [ACME, GLOBEX]) expect(h.read(p)).toContain(`- [ ] ${TASK}`);
    expect(warn.mock.calls).toEqual([]);
    // One round: the note written once, each page once.
    expect(h.vaultWrites().map((w) => [w.path, w.api])).toEqual([
      [JOINT, "vault.process"],
      [ACME, "vault.process"],
      [GLOBEX, "vault.process"],
    ]);
  });

  it("the page first in path order wins a task ticked with two statuses, whichever was ticked first, as in the CLI", async () => {
    const { h, plugin } = await startPlugin(vault());
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Globex's delay runs out first; its round takes Acme's page along and reads it first.
    await h.modifyExternally(GLOBEX, tick(h.read(GLOBEX), "x"));
    await h.advance(500);
    await h.modifyExternally(ACME, tick(h.read(ACME), "-"));
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [-] Send the contract\n");
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `Customer Pages: ${GLOBEX}: [x] not written back: ${ACME} ticked the same task [-], which was written to ${JOINT} ` +
        `(the page read first wins; change it there if [x] was meant): - [x] ${TASK}`,
    ]);
  });

  it("a tick that arrives after the other page's round ran is a round of its own: it finds the task closed, and says where", async () => {
    const { h, plugin } = await startPlugin(vault());
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Ticked on another device too; Sync brings that page only after Acme's round ran.
    const globexTicked = tick(h.read(GLOBEX), "x");
    await h.modifyExternally(ACME, tick(h.read(ACME), "x"));
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n");
    expect(h.read(GLOBEX)).not.toContain("Send the contract");
    await h.modifyExternally(GLOBEX, globexTicked);
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n");
    expect(h.read(GLOBEX)).not.toContain("Send the contract");
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `Customer Pages: ${GLOBEX}: tick dropped, the task is already closed [x] in ${JOINT} (ticked on another page, or in the note): - [x] ${TASK}`,
    ]);
  });

  const ambiguous = (line: string): string =>
    `Customer Pages: ${GLOBEX}: tick not written back: ${JOINT} holds this task on identical lines, one closed [x] already; ` +
    `the tick may be the one written there before (from another page, or by a run that could not write this page), ` +
    `so which line it means is unknown: tick it in the note: ${line}`;

  it("with two identical lines in the note, a tick that arrives after the other page's round ran closes no second line: a warning names the note", async () => {
    const { h, plugin } = await startPlugin(vault(2));
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Ticked on another device too, when both lines were open; Sync brings that page only after Acme's round ran.
    const globexTicked = tick(h.read(GLOBEX), "x");
    await h.modifyExternally(ACME, tick(h.read(ACME), "x"));
    await h.settle();
    const closedOnce = "Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n- [ ] Send the contract\n";
    expect(h.read(JOINT)).toBe(closedOnce);
    await h.modifyExternally(GLOBEX, globexTicked);
    await h.settle();
    // The user ticked one task once per page: the second line stays open, and the page says why.
    expect(h.read(JOINT)).toBe(closedOnce);
    expect(h.read(GLOBEX)).toContain(`- [ ] ${TASK}`);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([ambiguous(`- [x] ${TASK}`)]);
  });

  it("with two identical lines in the note, a tick on a page the user was typing in when the other page's round ran closes no second line", async () => {
    const { h, plugin } = await startPlugin(vault(2), { refreshDelaySeconds: 2 });
    await plugin.regenerateAll();
    await h.settle();
    const view = await h.openFile(GLOBEX);
    const editor = view.editor;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await h.modifyExternally(ACME, tick(h.read(ACME), "x")); // Acme due in 2 s
    await h.advance(1000);
    const line = editor.getValue().split("\n").indexOf(`- [ ] ${TASK}`);
    expect(line).toBeGreaterThan(0);
    editor.replaceRange("x", { line, ch: 3 }, { line, ch: 4 });
    editor.setCursor({ line, ch: 4 });
    await h.advance(1100);
    // Acme's round ran without Globex's page: the first line closed.
    const closedOnce = "Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n- [ ] Send the contract\n";
    expect(h.read(JOINT)).toBe(closedOnce);
    await h.settle();
    expect(h.read(JOINT)).toBe(closedOnce);
    expect(editor.getValue()).toContain(`- [ ] ${TASK}`);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([ambiguous(`- [x] ${TASK}`)]);
  });

  it("a page waiting for its delay without a tick keeps its own timing", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 2 });
    await plugin.regenerateAll();
    await h.settle();
    h.clearLogs();
    const plan = "Send the plan ([[2025-10-01 - Acme kickoff]])";
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${plan}`, `- [x] ${plan}`)); // Acme due in 2 s
    await h.advance(1000);
    await h.modifyExternally(GLOBEX_SYNC, "Sync with [[Bob Stone]] of [[Globex]]. Renewal in May.\n"); // Globex due in 2 s
    await h.advance(1100);
    // Acme's round ran: its tick is written back; Globex, which holds no tick, still waits.
    expect(h.read(KICKOFF)).toContain("- [x] Send the plan");
    expect(h.vaultWrites({ path: ACME, api: "vault.process" })).toHaveLength(1);
    expect(h.vaultWrites({ path: GLOBEX })).toEqual([]);
    await h.advance(1000);
    expect(h.vaultWrites({ path: GLOBEX }).map((w) => w.api)).toEqual(["vault.process"]);
    expect(h.read(GLOBEX)).toContain("Sync with Bob Stone of Globex. Renewal in May.");
  });

  it("the commands take a page waiting with a tick along: Regenerate customer page for another page writes that tick back in its round", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 5 });
    await plugin.regenerateAll();
    await h.settle();
    h.clearLogs();
    const plan = "Send the plan ([[2025-10-01 - Acme kickoff]])";
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${plan}`, `- [x] ${plan}`)); // Acme due in 5 s
    await h.advance(500);
    await h.modifyExternally(GLOBEX_SYNC, "Sync with [[Bob Stone]] of [[Globex]]. Renewal in May.\n");
    const view = await h.openFile(GLOBEX);
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.advance(100);
    // One round: Globex's page (through its editor), and Acme's, whose tick went back to its note.
    expect(h.notices().at(-1)).toBe("Customer page updated.");
    expect(view.editor.getValue()).toContain("Sync with Bob Stone of Globex. Renewal in May.");
    expect(h.read(KICKOFF)).toContain("- [x] Send the plan");
    expect(h.read(ACME)).not.toContain("Send the plan");
    expect(h.vaultWrites({ api: "vault.process" }).map((w) => w.path)).toEqual([KICKOFF, ACME]);
    // Its timer was cancelled: the plugin writes nothing more when the delay would have run out.
    await h.advance(5000);
    expect(h.vaultWrites({ api: "vault.process" }).map((w) => w.path)).toEqual([KICKOFF, ACME]);
  });

  it("the notice of Regenerate customer page is about its page, not a page the round took along", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 5 });
    await plugin.regenerateAll();
    await h.settle();
    h.clearLogs();
    const plan = "Send the plan ([[2025-10-01 - Acme kickoff]])";
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${plan}`, `- [x] ${plan}`));
    await h.advance(500);
    // Globex's page is up to date; Acme's, taken along and read first (path order), is updated.
    await h.openFile(GLOBEX);
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.advance(100);
    expect(h.read(ACME)).not.toContain("Send the plan");
    expect(h.notices().at(-1)).toBe("Customer page already up to date.");
  });

  it("the notice of Regenerate customer page counts the warnings about its page and its notes, not those about a page the round took along or that page's notes (B36-H)", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 5 });
    await plugin.regenerateAll();
    await h.settle();
    h.clearLogs();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Acme's page, waiting for its delay, holds a tick whose note cannot be read now (and its page a
    // second tick, on no task at all): Globex's command takes it along.
    const plan = "Send the plan ([[2025-10-01 - Acme kickoff]])";
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${plan}`, `- [x] ${plan}\n- [x] Nothing of the kind`));
    await h.advance(500);
    h.failReads(KICKOFF);
    await h.openFile(GLOBEX);
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.advance(100);
    const unread = `${KICKOFF}: cannot be read (EACCES: permission denied, open '${KICKOFF}'); 1 task(s) left unticked`;
    const dropped = `${ACME}: tick dropped, no open task matches it: - [x] Nothing of the kind`;
    expect(warn.mock.calls.map((c) => c[0])).toEqual([`Customer Pages: ${dropped}`, `Customer Pages: ${unread}`]);
    // Both concern Acme, none Globex: its notice says it is up to date, and nothing more.
    expect(h.notices().at(-1)).toBe("Customer page already up to date.");
    // Acme's page: the tick on no task gone, the other kept on it.
    expect(h.read(ACME)).not.toContain("Nothing of the kind");
    expect(h.read(ACME)).toContain(`- [x] ${plan}`);
    // Acme's own command counts the warning about its note, the tick still kept on its page.
    warn.mockClear();
    await h.openFile(ACME);
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.advance(100);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([`Customer Pages: ${unread}`]);
    expect(h.read(ACME)).toContain(`- [x] ${plan}`);
    expect(h.notices().at(-1)).toBe('Customer page already up to date. 1 warning (the command "Show warnings" lists it).');
  });

  it("the notice of Regenerate customer page counts a warning about a note of its own that is also a note of the page the round took along (B37-B)", async () => {
    const { h, plugin } = await startPlugin(vault(), { refreshDelaySeconds: 5 });
    await plugin.regenerateAll();
    await h.settle();
    h.clearLogs();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Acme's page, waiting for its delay, ticks the joint call's task, and the joint call (a note of
    // both pages) cannot be read now: Globex's command takes Acme along.
    await h.modifyExternally(ACME, tick(h.read(ACME), "x"));
    await h.advance(500);
    h.failReads(JOINT);
    await h.openFile(GLOBEX);
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.advance(100);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([`Customer Pages: ${JOINT}: cannot be read (EACCES: permission denied, open '${JOINT}'); 1 task(s) left unticked`]);
    // The joint call is one of Globex's notes: its notice counts the warning, as Show warnings lists it.
    expect(h.notices().at(-1)).toBe('Customer page already up to date. 1 warning (the command "Show warnings" lists it).');
    expect(h.read(ACME)).toContain(`- [x] ${TASK}`);
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [ ] Send the contract\n");
  });

  it("the notice of Regenerate customer page counts only warnings Show warnings lists: not one about its tick's note, deleted while the round ran (B36-I)", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await plugin.regenerateAll();
    await h.settle();
    h.clearLogs();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const plan = "Send the plan ([[2025-10-01 - Acme kickoff]])";
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${plan}`, `- [x] ${plan}`));
    // The tick's note deleted (Sync, another program) when the round goes to write the tick to it.
    const read = h.vault.read.bind(h.vault);
    let deleted = false;
    h.vault.read = async (file) => {
      if (file.path === KICKOFF && !deleted) {
        deleted = true;
        await h.deleteExternally(KICKOFF);
      }
      return read(file);
    };
    await h.openFile(ACME);
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    expect(deleted).toBe(true);
    expect(h.exists(KICKOFF)).toBe(false);
    // The round says it, about the note as it was (the console has it)...
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      `Customer Pages: ${KICKOFF}: gone since it was read (deleted, renamed or moved meanwhile); 1 task(s) left unticked`,
    ]);
    // ...and the task went with its note: the page no longer shows it.
    expect(h.read(ACME)).not.toContain("Send the plan");
    // Show warnings lists no warning about a note that is not there: nor does the notice count one.
    expect(h.notices().at(-1)).toBe("Customer page updated.");
    expect(h.executeCommand("customer-pages:show-warnings")).toBe(true);
    await h.settle();
    const modal = openModals.at(-1)!;
    expect(modal.contentEl.textContent).toBe("No warnings.");
    modal.close();
  });

  it("the notice of Regenerate customer page: a page the round took along, renamed while the round ran, its warning not counted (B36-I)", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 5 });
    await plugin.regenerateAll();
    await h.settle();
    h.clearLogs();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Acme's page, waiting for its delay, holds a tick on no task: Globex's command takes it along, and
    // Acme is renamed (another tab) once the round has read it.
    await h.modifyExternally(ACME, h.read(ACME).replace("## Open Tasks\n", "## Open Tasks\n\n- [x] Nothing of the kind\n"));
    await h.advance(500);
    const read = h.vault.read.bind(h.vault);
    let renamed: Promise<void> | null = null;
    let reads = 0;
    h.vault.read = async (file) => {
      const text = await read(file);
      // Its second read: the round's (the first tells the page waits with a tick).
      if (file.path === ACME && ++reads === 2) renamed = h.renameInObsidian(ACME, "Customers/Acme Corp.md");
      return text;
    };
    await h.openFile(GLOBEX);
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.advance(100);
    await renamed;
    expect(renamed).not.toBeNull();
    // The round said the drop under the path Acme had; nothing about Globex or its notes.
    expect(warn.mock.calls.map((c) => c[0])).toContain(`Customer Pages: ${ACME}: tick dropped, no open task matches it: - [x] Nothing of the kind`);
    expect(h.notices().at(-1)).toBe("Customer page already up to date.");
  });

  it("with two identical lines in the note, the same task ticked on the command's page and on a page waiting for its delay is one tick, as in the CLI", async () => {
    const { h, plugin } = await startPlugin(vault(2), { refreshDelaySeconds: 5 });
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await h.modifyExternally(ACME, tick(h.read(ACME), "x")); // Acme due in 5 s
    await h.advance(500);
    await h.modifyExternally(GLOBEX, tick(h.read(GLOBEX), "x"));
    await h.openFile(GLOBEX);
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    expect(h.notices().at(-1)).toBe("Customer page updated.");
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n- [ ] Send the contract\n");
    for (const p of [ACME, GLOBEX]) expect(h.read(p)).toContain(`- [ ] ${TASK}`);
    expect(warn.mock.calls).toEqual([]);
  });

  it("a page whose managed section the user is typing in is not taken along: it waits for its own round", async () => {
    const { h, plugin } = await startPlugin(vault(), { refreshDelaySeconds: 2 });
    await plugin.regenerateAll();
    await h.settle();
    const view = await h.openFile(GLOBEX);
    const editor = view.editor;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await h.modifyExternally(ACME, tick(h.read(ACME), "x")); // Acme due in 2 s
    await h.advance(500);
    await h.modifyExternally(GLOBEX_SYNC, "Sync with [[Bob Stone]] of [[Globex]]. Renewal in May.\n"); // Globex due in 2 s
    await h.advance(500);
    // The user ticks the box in Globex's editor and stays there (not saved yet).
    const line = editor.getValue().split("\n").indexOf(`- [ ] ${TASK}`);
    expect(line).toBeGreaterThan(0);
    editor.replaceRange("-", { line, ch: 3 }, { line, ch: 4 });
    editor.setCursor({ line, ch: 4 });
    await h.advance(1100);
    // Acme's round ran without Globex's page, whose Open Tasks the user was typing in a second ago.
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n");
    expect(editor.getValue()).toContain(`- [-] ${TASK}`);
    expect(editor.getValue()).not.toContain("Renewal in May");
    // The user stops: Globex's own round finds the task closed, as a round of its own does.
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n");
    expect(editor.getValue()).toContain("Renewal in May");
    expect(editor.getValue()).not.toContain("Send the contract");
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `Customer Pages: ${GLOBEX}: [-] not written back: the task is already closed [x] in ${JOINT} ` +
        `(ticked on another page, or in the note; change it there if [-] was meant): - [-] ${TASK}`,
    ]);
  });

  it("a page whose round waited behind a rebuild is not regenerated while the user now types in its managed sections", async () => {
    const { h, plugin } = await startPlugin(vault(), { refreshDelaySeconds: 2 });
    await plugin.regenerateAll();
    await h.settle();
    const view = await h.openFile(GLOBEX);
    const editor = view.editor;
    await h.modifyExternally(GLOBEX_SYNC, "Sync with [[Bob Stone]] of [[Globex]]. Renewal in May.\n"); // Globex due in 2 s
    // The index is being rebuilt (a settings change) when Globex's delay runs out: its round waits 3 s.
    const settled = plugin.indexer.settled.bind(plugin.indexer);
    vi.spyOn(plugin.indexer, "settled").mockImplementationOnce(
      () => new Promise((resolve) => window.setTimeout(() => void settled().then(resolve), 3000)),
    );
    await h.advance(2100);
    expect(editor.getValue()).not.toContain("Renewal in May");
    // Meanwhile the user starts ticking in Globex's Open Tasks, and is still there when the rebuild ends.
    await h.advance(2400);
    const line = editor.getValue().split("\n").indexOf(`- [ ] ${TASK}`);
    expect(line).toBeGreaterThan(0);
    editor.replaceRange("x", { line, ch: 3 }, { line, ch: 4 });
    editor.setCursor({ line, ch: 4 });
    await h.advance(800);
    expect(editor.getValue()).toContain(`- [x] ${TASK}`);
    expect(editor.getValue()).not.toContain("Renewal in May");
    // Once the user stops, the page's round runs: the tick goes back, the page follows.
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n");
    expect(editor.getValue()).toContain("Renewal in May");
  });

  it("pages whose delay ran out while another round was under way: the first of their rounds takes them all, the others do nothing", async () => {
    const files = vault(2);
    files["Customers/Initech.md"] = "---\ntype: customer\n---\n# Initech\n";
    files["Meetings/2025-10-06 - Initech call.md"] = "Call with [[Initech]].\n";
    const { h, plugin } = await startPlugin(files, { refreshDelaySeconds: 2 });
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Initech's round is under way (its page write waits, as on a slow disk) while both boxes are
    // ticked and both delays run out.
    const process = h.vault.process.bind(h.vault);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
      if (file.path === "Customers/Initech.md") await gate;
      return process(file, fn, options);
    });
    await h.modifyExternally("Meetings/2025-10-06 - Initech call.md", "Call with [[Initech]]. Pilot agreed.\n");
    await h.advance(2100);
    await h.modifyExternally(ACME, tick(h.read(ACME), "x"));
    await h.modifyExternally(GLOBEX, tick(h.read(GLOBEX), "x"));
    await h.advance(2100);
    h.clearLogs();
    release();
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n- [ ] Send the contract\n");
    expect(warn.mock.calls).toEqual([]);
    expect(h.vaultWrites().map((w) => w.path)).toEqual(["Customers/Initech.md", JOINT, ACME, GLOBEX]);
  });
});

describe("a round reading the pages waiting with ticks", () => {
  /** Acme's round starts while Globex's page, ticked too, waits; that page's read waits until released. */
  async function roundReadingGlobex(): Promise<Started & { release: () => void; globex: string }> {
    const { h, plugin } = await startPlugin(vault(), { refreshDelaySeconds: 2 });
    await plugin.regenerateAll();
    await h.settle();
    const read = h.vault.read.bind(h.vault);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let asked = false;
    vi.spyOn(h.vault, "read").mockImplementation(async (file) => {
      if (file.path === GLOBEX && !asked) {
        asked = true;
        await gate;
      }
      return read(file);
    });
    await h.modifyExternally(ACME, tick(h.read(ACME), "x"));
    await h.advance(500);
    const globex = tick(h.read(GLOBEX), "-");
    await h.modifyExternally(GLOBEX, globex);
    h.clearLogs();
    await h.advance(1600); // Acme's round has started and reads Globex's page
    expect(asked).toBe(true);
    return { h, plugin, release, globex };
  }

  it("disabled meanwhile: the round writes nothing, and leaves no timer", async () => {
    const { h, plugin, release, globex } = await roundReadingGlobex();
    await h.unloadPlugin(plugin);
    release();
    await h.settle();
    expect(h.vaultWrites()).toEqual([]);
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [ ] Send the contract\n");
    expect(h.read(GLOBEX)).toBe(globex);
    h.assertNoLeaks();
  });

  it("Refresh on save turned off meanwhile: the page due goes on, the page still waiting is not taken", async () => {
    const { h, plugin, release, globex } = await roundReadingGlobex();
    await plugin.changeSettings((s) => (s.refreshOnSave = false));
    release();
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n");
    expect(h.read(ACME)).not.toContain("Send the contract");
    expect(h.read(GLOBEX)).toBe(globex);
  });
});

describe("a page ticked and unticked again while its round writes it (B36-H)", () => {
  it("through Sync before each write: the page as last written by the user decides, the tick neither kept on the page nor written back", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await plugin.regenerateAll();
    await h.settle();
    const plan = "Send the plan ([[2025-10-01 - Acme kickoff]])";
    const old = h.read(ACME);
    expect(old).toContain(`- [ ] ${plan}`);
    // A new fact in the kickoff note: Acme's page has something to write.
    await h.modifyExternally(KICKOFF, h.read(KICKOFF).replace("- Acme runs two sites\n", "- Acme runs two sites\n- Acme opens a third\n"));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Before the plugin's first write of the page, Sync brings the page ticked; before its second,
    // unticked again with a line typed.
    const meanwhile = [old.replace(`- [ ] ${plan}`, `- [x] ${plan}`), old.replace("Mine.\n", "Mine.\nTyped meanwhile.\n")];
    const process = h.vault.process.bind(h.vault);
    vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
      const next = file.path === ACME ? meanwhile.shift() : undefined;
      if (next !== undefined) await h.vault.modify(file, next);
      return process(file, fn, options);
    });
    // Run from the kickoff note: the page is not open in an editor, so it is written by vault.process.
    await h.openFile(KICKOFF);
    await h.flush();
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    expect(meanwhile).toEqual([]);
    expect(h.read(ACME)).toContain("Typed meanwhile.");
    expect(h.read(ACME)).toContain("- Acme opens a third");
    expect(h.read(ACME)).toContain(`- [ ] ${plan}`);
    expect(warn.mock.calls).toEqual([]);
    expect(h.notices().at(-1)).toBe("Customer page updated.");
    // The command run again writes nothing back.
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    expect(h.read(KICKOFF)).toContain("- [ ] Send the plan");
    expect(h.notices().at(-1)).toBe("Customer page already up to date.");
  });
});
