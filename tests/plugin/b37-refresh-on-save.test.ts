// @vitest-environment happy-dom
// B37-E, B37-F and B37-G through refresh on save (B37-H): the rounds it runs one page at a time, the
// edits typed in editors and saved by Obsidian or brought by Sync, against the built CLI run as a
// process on the same files after each round (`--today` the plugin's day). Notes, pages' Open Tasks
// and warnings are also worked by hand from §8 and the README.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildCli, removeTemps } from "../cli/cli-helpers";
import { cliRun as cliRunOf, loggedWarnings as warnings, roundsOf } from "./against-cli";
import CustomerPagesPlugin from "../../src/plugin/main";
import { applyToEditor } from "../../src/plugin/editor-apply";
import type { FakeHarness } from "../fake-obsidian/harness";
import { createFakeApp } from "../fake-obsidian/harness";
import { crmVault, MANIFEST, markdownOf, startPlugin } from "./setup";

const ACME = "Customers/Acme.md";
const GLOBEX = "Customers/Globex.md";
const PLAN = "- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])";

let cli: string;
const cliRun = (files: ReadonlyMap<string, string>, settings: unknown = {}) => cliRunOf(cli, files, settings);
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);
afterEach(() => {
  vi.restoreAllMocks();
});

/** Replaces the one line `from` of a text with `to` (`to` empty: the line is deleted). */
const line = (from: string, to: string) => (text: string): string => {
  expect(text.split(`\n${from}\n`)).toHaveLength(2);
  return text.replace(`\n${from}\n`, to === "" ? "\n" : `\n${to}\n`);
};

const openTasks = (page: string): string => page.split("## Open Tasks\n\n")[1]!.split("\n\n")[0]!;

/** Each edit typed in its own editor pane (Obsidian saves it), or written while the file is not open. */
async function edit(h: FakeHarness, how: "typed" | "written", edits: Array<[string, (t: string) => string]>): Promise<void> {
  for (const [path, change] of edits) {
    const old = h.read(path);
    const next = change(old);
    expect(next).not.toBe(old);
    if (how === "typed") expect(applyToEditor((await h.openFile(path, { newLeaf: true })).editor, old, next)).toBe(true);
    else await h.modifyExternally(path, next);
  }
}

describe("refresh on save: a tick whose named note no longer holds its task open, another source holding it (B37-E)", () => {
  const A = "Meetings/2025-10-20 - A.md";
  const B = "Meetings/2025-10-21 - B.md";
  const note = (task: string): string => `Call with [[Acme]].\n\n${task}`;
  const cases = [
    {
      name: "closed [x] in B",
      b: note("- [x] Send the contract\n"),
      warning: `${ACME}: tick dropped, the task is already closed [x] in ${B} (ticked on another page, or in the note): - [x] Send the contract ([[2025-10-21 - B]])`,
    },
    {
      name: "cancelled [-] in B",
      b: note("- [-] Send the contract\n"),
      warning:
        `${ACME}: [x] not written back: the task is already closed [-] in ${B} (ticked on another page, or in the note; ` +
        "change it there if [x] was meant): - [x] Send the contract ([[2025-10-21 - B]])",
    },
    {
      name: "deleted in B",
      b: "Call with [[Acme]].\n",
      warning:
        `${ACME}: tick dropped, ${B} (the note its line names) holds no open task of it any more; another note's task of that text ` +
        "is not the one ticked: the page shows it, tick it there if it is meant: - [x] Send the contract ([[2025-10-21 - B]])",
    },
  ];
  for (const how of ["typed", "written"] as const) {
    for (const c of cases) {
      it(`${how}: B's task ${c.name}, then the page's line ticked, saved within the delay: one round of Acme's page drops the tick; A's task stays open and the page shows it`, async () => {
        const files = { ...crmVault(), [A]: note("- [ ] Send the contract\n"), [B]: note("- [ ] Send the contract\n") };
        const warned = warnings();
        const { h, plugin } = await startPlugin(files);
        await plugin.regenerateAll();
        await h.settle();
        // By hand: §6 de-duplication keeps the newer note's task, B's.
        expect(openTasks(h.read(ACME))).toBe(`- [ ] Send the contract ([[2025-10-21 - B]])\n${PLAN}`);
        const before = markdownOf(h, cliRun(new Map(Object.entries(files))).files.keys());
        warned();
        const rounds = roundsOf(plugin);
        await edit(h, how, [
          [B, () => c.b],
          [ACME, line("- [ ] Send the contract ([[2025-10-21 - B]])", "- [x] Send the contract ([[2025-10-21 - B]])")],
        ]);
        await h.settle();
        expect(rounds).toEqual([[ACME]]);
        const next = new Map(before);
        next.set(B, c.b);
        next.set(ACME, line("- [ ] Send the contract ([[2025-10-21 - B]])", "- [x] Send the contract ([[2025-10-21 - B]])")(before.get(ACME)!));
        const byCli = cliRun(next);
        const logged = warned();
        expect(markdownOf(h, byCli.files.keys())).toEqual(byCli.files);
        expect(logged).toEqual(byCli.warnings);
        // By hand (§8: "the first open task there … If no such open task is left, the tick is dropped").
        expect(h.read(A)).toBe(note("- [ ] Send the contract\n"));
        expect(h.read(B)).toBe(c.b);
        expect(openTasks(h.read(ACME))).toBe(`- [ ] Send the contract ([[2025-10-20 - A]])\n${PLAN}`);
        expect(logged).toEqual([c.warning]);
      });
    }
  }
});

describe("refresh on save: one task ticked on two customers' pages, in rounds of their own, one line naming a note that deleted it (B37-G)", () => {
  const JOINT = "Meetings/2025-10-20 - Joint.md";
  const B = "Meetings/2025-10-21 - B.md";
  const joint = (s: string): string => `Joint call with [[Acme]] and [[Globex]].\n\n- [${s}] Send the contract\n`;
  const bOpen = "Call with [[Acme]].\n\n- [ ] Send the contract\n";
  const bDeleted = "Call with [[Acme]].\n";
  const acmeLine = "Send the contract ([[2025-10-21 - B]])";
  const globexLine = "Send the contract ([[2025-10-20 - Joint]])";
  const notInNamed =
    `${ACME}: tick dropped, ${B} (the note its line names) holds no open task of it any more; another note's task of that text ` +
    `is not the one ticked: the page shows it, tick it there if it is meant: - [x] ${acmeLine}`;
  for (const how of ["typed", "written"] as const) {
    for (const first of [ACME, GLOBEX]) {
      it(`${how}: ${first === ACME ? "Acme's" : "Globex's"} round first`, async () => {
        const files = { ...crmVault(), [JOINT]: joint(" "), [B]: bOpen };
        const warned = warnings();
        const { h, plugin } = await startPlugin(files);
        await plugin.regenerateAll();
        await h.settle();
        expect(openTasks(h.read(ACME))).toBe(`- [ ] ${acmeLine}\n${PLAN}`);
        expect(openTasks(h.read(GLOBEX))).toBe(`- [ ] ${globexLine}`);
        let disk = markdownOf(h, cliRun(new Map(Object.entries(files))).files.keys());
        warned();
        const rounds = roundsOf(plugin);
        const acmeEdits: Array<[string, (t: string) => string]> = [
          [B, () => bDeleted],
          [ACME, line(`- [ ] ${acmeLine}`, `- [x] ${acmeLine}`)],
        ];
        const globexEdits: Array<[string, (t: string) => string]> = [[GLOBEX, line(`- [ ] ${globexLine}`, `- [x] ${globexLine}`)]];
        const logs: string[][] = [];
        for (const edits of first === ACME ? [acmeEdits, globexEdits] : [globexEdits, acmeEdits]) {
          const next = new Map(disk);
          for (const [p, change] of edits) next.set(p, change(next.get(p)!));
          await edit(h, how, edits);
          await h.settle();
          const byCli = cliRun(next);
          disk = markdownOf(h, byCli.files.keys());
          expect(disk).toEqual(byCli.files);
          const logged = warned();
          expect(logged).toEqual(byCli.warnings);
          logs.push(logged);
        }
        // By hand. Either way Globex's tick closes Joint's task (the note its line names); Acme's is
        // dropped (B deleted it). Acme's round first: Joint open then, and so on the page written in
        // that round, which the warning says. Globex's first: Joint closed, nothing to show.
        expect(h.read(JOINT)).toBe(joint("x"));
        expect(h.read(B)).toBe(bDeleted);
        expect(openTasks(h.read(ACME))).toBe(PLAN);
        expect(h.read(GLOBEX)).not.toContain("Send the contract");
        if (first === ACME) {
          expect(logs).toEqual([[notInNamed], []]);
          // Acme's page again after Globex's round wrote Joint, one of its sources.
          expect(rounds).toEqual([[ACME], [GLOBEX], [ACME]]);
        } else {
          expect(logs).toEqual([[], [`${ACME}: tick dropped, no open task matches it: - [x] ${acmeLine}`]]);
          // Acme's page refreshed after Globex's round wrote Joint (B still open then: the line unchanged), then Acme's tick.
          expect(rounds).toEqual([[GLOBEX], [ACME], [ACME]]);
        }
      });
    }
  }
  it("Acme's line typed in its open page while Globex's round runs (B's deletion brought by Sync meanwhile): Acme's tick is dropped, no open task matching it", async () => {
    const files = { ...crmVault(), [JOINT]: joint(" "), [B]: bOpen };
    const warned = warnings();
    const { h, plugin } = await startPlugin(files, { refreshDelaySeconds: 2 });
    await plugin.regenerateAll();
    await h.settle();
    const disk = markdownOf(h, cliRun(new Map(Object.entries(files))).files.keys());
    const editor = (await h.openFile(ACME)).editor;
    warned();
    await h.modifyExternally(GLOBEX, line(`- [ ] ${globexLine}`, `- [x] ${globexLine}`)(h.read(GLOBEX))); // Globex due in 2 s
    await h.advance(1000);
    await h.modifyExternally(B, bDeleted);
    const at = editor.getValue().split("\n").indexOf(`- [ ] ${acmeLine}`);
    expect(at).toBeGreaterThan(0);
    editor.replaceRange("x", { line: at, ch: 3 }, { line: at, ch: 4 });
    editor.setCursor({ line: at, ch: 4 });
    await h.advance(1100);
    await h.settle();
    // The CLI given every edit at once: one round, Acme's page read first.
    const next = new Map(disk);
    next.set(B, bDeleted);
    next.set(ACME, line(`- [ ] ${acmeLine}`, `- [x] ${acmeLine}`)(disk.get(ACME)!));
    next.set(GLOBEX, line(`- [ ] ${globexLine}`, `- [x] ${globexLine}`)(disk.get(GLOBEX)!));
    const byCli = cliRun(next);
    const logged = warned();
    expect(markdownOf(h, byCli.files.keys())).toEqual(byCli.files);
    expect(logged).toEqual(byCli.warnings);
    // By hand: in one round or two, Globex's tick closes Joint's task and Acme's finds none open to show.
    expect(h.read(JOINT)).toBe(joint("x"));
    expect(openTasks(h.read(ACME))).toBe(PLAN);
    expect(editor.getValue()).toBe(h.read(ACME));
    expect(logged).toEqual([`${ACME}: tick dropped, no open task matches it: - [x] ${acmeLine}`]);
  });
});

describe("refresh on save: the plugin disabled while a tick's notes are written, then enabled (B37-F)", () => {
  for (const [open, inside] of [[false, false], [true, false], [false, true]]) {
    it(`typed on the page and saved${open ? ", Notes/2025-10-20 open in an editor" : ""}, disabled ${inside ? "inside Notes/2025-10-20's write" : "once B is written"}: the tick begun is written to both its notes, the other tick is not begun; enabled, a save writes it and drops the first as the CLI does`, async () => {
      const B = "Meetings/2025-10-21 - B.md";
      const N19 = "Notes/2025-10-19.md";
      const N20 = "Notes/2025-10-20.md";
      const files = crmVault();
      files[B] = "Call with [[Ann Lee]].\n\n- [ ] Send the contract\n";
      files[N19] = "Prep for [[Acme]].\n\n- [ ] Book the room\n";
      files[N20] = "Prep for [[Acme]].\n\n- [ ] Send the contract\n";
      const h = createFakeApp({ files, now: new Date(2026, 0, 1, 12).getTime() });
      const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
      await h.startup();
      await h.settle();
      await h.run(plugin.indexer.settled());
      await plugin.regenerateAll();
      await h.settle();
      const contract = "Send the contract ([[2025-10-21 - B]])";
      const room = "Book the room ([[2025-10-19]])";
      // By hand: newest first; one line for `Send the contract` (B is newer than Notes/2025-10-20).
      expect(openTasks(h.read(ACME))).toBe(`- [ ] ${contract}\n- [ ] ${room}\n${PLAN}`);
      const warned = warnings();
      const process = h.vault.process.bind(h.vault);
      const calls: string[] = [];
      const spy = vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
        calls.push(file.path);
        if (inside && file.path === N20) {
          return process(
            file,
            (data) => {
              void h.unloadPlugin(plugin);
              return fn(data);
            },
            options,
          );
        }
        const out = await process(file, fn, options);
        if (!inside && file.path === B) void h.unloadPlugin(plugin);
        return out;
      });
      const ticked = line(`- [ ] ${room}`, `- [x] ${room}`)(line(`- [ ] ${contract}`, `- [x] ${contract}`)(h.read(ACME)));
      const noteView = open ? await h.openFile(N20, { newLeaf: true }) : null;
      const view = await h.openFile(ACME, { newLeaf: true });
      expect(applyToEditor(view.editor, h.read(ACME), ticked)).toBe(true);
      h.clearLogs();
      await h.settle();
      // Path order: B, Notes/2025-10-19, Notes/2025-10-20. Disabled once B is written: the rest of that
      // tick's notes written (finishing it), the other tick not begun. Disabled inside Notes/2025-10-20's
      // write, the last: the host refuses it, and it is written again as finishing B's tick. The page as saved.
      const before = inside ? [B, N19] : [B];
      expect(h.vaultWrites().filter((w) => w.path !== ACME && w.path !== N20).map((w) => `${w.api} ${w.path}`)).toEqual(before.map((p) => `vault.process ${p}`));
      if (!open) expect(calls.filter((p) => p !== ACME)).toEqual(inside ? [B, N19, N20, N20] : [B, N20]);
      if (noteView !== null) expect(noteView.editor.getValue()).toBe("Prep for [[Acme]].\n\n- [x] Send the contract\n");
      expect(h.read(B)).toBe("Call with [[Ann Lee]].\n\n- [x] Send the contract\n");
      expect(h.read(N20)).toBe("Prep for [[Acme]].\n\n- [x] Send the contract\n");
      expect(h.read(N19)).toBe(inside ? "Prep for [[Acme]].\n\n- [x] Book the room\n" : files[N19]);
      expect(h.read(ACME)).toBe(ticked);
      h.assertNoLeaks();
      spy.mockRestore();
      warned();
      // Enabled again; the user saves the page once more (a blank line typed at its end).
      const again = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
      await h.settle();
      await h.run(again.indexer.settled());
      const rounds = roundsOf(again);
      const disk = markdownOf(h, Object.keys(files));
      const saved = `${h.read(ACME)}\n`;
      const editor = view.editor;
      expect(applyToEditor(editor, h.read(ACME), saved)).toBe(true);
      await h.settle();
      const next = new Map(disk);
      next.set(ACME, saved);
      const byCli = cliRun(next);
      const logged = warned();
      expect(markdownOf(h, byCli.files.keys())).toEqual(byCli.files);
      expect(logged).toEqual(byCli.warnings);
      expect(rounds).toEqual([[ACME]]);
      // By hand: `Send the contract` closed in B, the note its line names: dropped; `Book the room`
      // written back now, or dropped as closed already in its note when the stopped round wrote it.
      expect(h.read(N19)).toBe("Prep for [[Acme]].\n\n- [x] Book the room\n");
      expect(h.read(N20)).toBe("Prep for [[Acme]].\n\n- [x] Send the contract\n");
      expect(openTasks(h.read(ACME))).toBe(PLAN);
      const closed = (note: string, l: string): string => `${ACME}: tick dropped, the task is already closed [x] in ${note} (ticked on another page, or in the note): - [x] ${l}`;
      expect(logged).toEqual(inside ? [closed(B, contract), closed(N19, room)] : [closed(B, contract)]);
    });
  }
});
