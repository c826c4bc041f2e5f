// @vitest-environment happy-dom
// B36-A, B36-B and B36-C through the plugin (B36-F): a heading or bold line inside a quote heads only
// that quote's items, a backslash hard line break inside an item, `**Key Facts**:` as a bold line;
// and, with Source links off, ticks weighed against the run's day and the sources' closed tasks.
// Each edit is typed in an editor (Obsidian saving it after 2 s) or written while the file is not
// open, then refresh on save (or a command) runs; every markdown file of the vault, and the round's
// warnings, are then what the built CLI, run as a process on the same files with `--today` the
// plugin's day, makes of them. What the pages and notes hold is checked by hand besides.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { spawnSync } from "node:child_process";
import { buildCli, makeVault, removeTemps } from "../cli/cli-helpers";
import { cliRun as cliRunOf, loggedWarnings as warnings, roundsOf, TODAY } from "./against-cli";
import { applyToEditor } from "../../src/plugin/editor-apply";
import { StatusView } from "../../src/plugin/status-view";
import type { FakeHarness } from "../fake-obsidian/harness";
import { crmVault, markdownOf, startPlugin } from "./setup";

const ACME = "Customers/Acme.md";
const OFF = { sourceLinks: false };

let cli: string;
const cliRun = (files: ReadonlyMap<string, string> | Record<string, string>, settings: unknown, extra: string[] = []) => cliRunOf(cli, files, settings, extra);
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * "typed": each file is edited in its own editor pane and saved by Obsidian; "written": each is
 * written while it is not open (Sync, another program); "page open": written so, the customer page
 * open in an editor meanwhile (it is then written through the editor).
 */
type How = "typed" | "written" | "page open";
type Edit = [path: string, edit: (text: string) => string];

interface Both {
  h: FakeHarness;
  /** The vault's markdown files after refresh on save, equal to the CLI's. */
  vault: Map<string, string>;
  /** The round's warnings, equal to the CLI's. */
  warned: string[];
  panel: HTMLElement | null;
  /** The pages of each round refresh on save ran after the edits, in order. */
  rounds: string[][];
}

/**
 * The plugin regenerates `files` ("Regenerate every customer page"), then the edits are made within
 * the refresh delay and refresh on save runs. At both steps every markdown file is what one CLI run
 * makes of the same files; after the edits the warnings are too.
 */
async function editedBothWays(files: Record<string, string>, settings: Record<string, unknown>, edits: Edit[], how: How, withPanel = false): Promise<Both> {
  const warned = warnings();
  const { h, plugin } = await startPlugin(files, settings);
  await plugin.regenerateAll();
  await h.settle();
  const first = cliRun(files, settings);
  expect(markdownOf(h, first.files.keys())).toEqual(first.files);
  warned();
  let panel: HTMLElement | null = null;
  if (withPanel) {
    await plugin.openPanel();
    await h.settle();
    panel = (h.workspace.getLeavesOfType("customer-pages-status")[0]!.view as StatusView).contentEl;
  }
  const rounds = roundsOf(plugin);
  if (how === "page open") await h.openFile(ACME, { newLeaf: true });
  const next = new Map(first.files);
  const editors = [];
  for (const [path, edit] of edits) {
    const old = first.files.get(path)!;
    const edited = edit(old);
    expect(edited).not.toBe(old);
    next.set(path, edited);
    if (how === "typed") {
      const editor = (await h.openFile(path, { newLeaf: true })).editor;
      expect(applyToEditor(editor, old, edited)).toBe(true);
      editors.push({ editor, path });
    } else {
      await h.modifyExternally(path, edited);
    }
  }
  await h.settle();
  for (const { editor, path } of editors) expect(editor.getValue()).toBe(h.read(path));
  const second = cliRun(next, settings);
  const vault = markdownOf(h, second.files.keys());
  expect(vault).toEqual(second.files);
  const logged = warned();
  expect(logged).toEqual(second.warnings);
  return { h, vault, warned: logged, panel, rounds };
}

/** Replaces the one line `from` of a text with `to`. */
const line = (from: string, to: string) => (text: string): string => {
  expect(text.split(`\n${from}\n`)).toHaveLength(2);
  return text.replace(`\n${from}\n`, `\n${to}\n`);
};

const section = (page: string, name: string): string => page.split(`## ${name}\n\n`)[1]!.split("\n\n")[0]!;
const texts = (root: HTMLElement, sel: string): string[] => Array.from(root.querySelectorAll(sel)).map((e) => e.textContent ?? "");

describe("refresh on save: a meeting saved with a heading in a callout, a hard line break, **Key Facts**: (B36-B, B36-C)", () => {
  const CALL = "Meetings/2025-10-05 - Acme call.md";
  const body = [
    "Call with [[Acme]].",
    "",
    "## Key Facts",
    "",
    "> [!note] Call",
    "> ## Decisions",
    "> - d1 go with plan B",
    "",
    "- f2 two sites",
    "",
    "## Notes",
    "",
    "> **Risks:**",
    "> - r1 legal is slow",
    "",
    "- n1 plain",
    "",
    "**Key Facts**:",
    "- ARR is 180k\\",
    "  up from 120k",
    "- [ ] Send the quote\\",
    "  to legal",
    "",
  ].join("\n");
  for (const how of ["typed", "written", "page open"] as const) {
    it(`${how}: each item under the heading it belongs to, no backslash on the page`, async () => {
      const files = { ...crmVault(), [CALL]: "Call with [[Acme]].\n" };
      const { vault, panel } = await editedBothWays(files, {}, [[CALL, () => body]], how, how === "typed");
      const page = vault.get(ACME)!;
      const src = " ([[2025-10-05 - Acme call]])";
      // By hand: `d1` a decision (the callout's heading), `f2` a fact again after the callout (the
      // note's `## Key Facts`); `r1` a blocker, `n1` nothing (`## Notes` after the quote); the items
      // under `**Key Facts**:` facts and a task, their lines joined with one space.
      expect(section(page, "Key Facts")).toBe(`- f2 two sites${src}\n- ARR is 180k up from 120k${src}\n- Acme runs two sites ([[2025-10-01 - Acme kickoff]])`);
      expect(section(page, "Open Tasks")).toBe(`- [ ] Send the quote to legal${src}\n- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])`);
      expect(section(page, "Blockers")).toBe(`- ❌ r1 legal is slow${src}`);
      expect(section(page, "Key Decisions")).toBe(`- ✅ d1 go with plan B${src}`);
      expect(page).not.toContain("n1");
      expect(page).not.toContain("\\");
      if (panel !== null) expect(texts(panel, ".cp-count")).toEqual(["2 open tasks", "1 blocker", "1 decision"]);
    });
  }
});

describe("source links off and on: a tick on the page goes back on save as the CLI writes it back", () => {
  const PLAN = "Meetings/2025-10-06 - Acme plan.md";
  const plan = (quote: string, dated: string, plain: string): string =>
    `Plan with [[Acme]].\n\n- [${quote}] Send the quote\\\n  to legal\n- [${dated}] Send plan ✅ ${TODAY}\n- [${plain}] Send plan\n`;
  for (const how of ["typed", "written"] as const) {
    for (const settings of [OFF, {}]) {
      const links = settings === OFF ? "off" : "on";
      const src = settings === OFF ? "" : " ([[2025-10-06 - Acme plan]])";
      const kickoff = settings === OFF ? "" : " ([[2025-10-01 - Acme kickoff]])";
      // The Tasks plugin's stamp lands after the line's end: after the source link when there is one.
      for (const stamp of ["", ` ✅ ${TODAY}`, " ✅ 2025-06-20", `  [completion:: ${TODAY}]`]) {
        it(`${how}, source links ${links}: \`Send plan\` ticked${stamp === "" ? " by a click" : ` with${stamp}`}: that task, not the one whose own date is today`, async () => {
          const files = { ...crmVault(), [PLAN]: plan(" ", " ", " ") };
          const { vault } = await editedBothWays(files, settings, [[ACME, line(`- [ ] Send plan${src}`, `- [x] Send plan${src}${stamp}`)]], how);
          // By hand: the dated task's line still stands open on the page, so it is not the one ticked.
          expect(vault.get(PLAN)).toBe(plan(" ", " ", "x"));
          expect(section(vault.get(ACME)!, "Open Tasks")).toBe(
            `- [ ] Send the quote to legal${src}\n- [ ] Send plan ✅ ${TODAY}${src}\n- [ ] Send the plan${kickoff}`,
          );
        });
      }
      for (const stamp of ["", ` ❌ ${TODAY}`, " ❌ 2025-06-20"]) {
        it(`${how}, source links ${links}: the task written over two lines with a backslash break, cancelled${stamp === "" ? "" : ` with${stamp}`}`, async () => {
          const files = { ...crmVault(), [PLAN]: plan(" ", " ", " ") };
          const { vault } = await editedBothWays(files, settings, [[ACME, line(`- [ ] Send the quote to legal${src}`, `- [-] Send the quote to legal${src}${stamp}`)]], how);
          expect(vault.get(PLAN)).toBe(plan("-", " ", " "));
          expect(section(vault.get(ACME)!, "Open Tasks")).toBe(`- [ ] Send plan ✅ ${TODAY}${src}\n- [ ] Send plan${src}\n- [ ] Send the plan${kickoff}`);
        });
      }
    }
    it(`${how}, source links off: the line of the task whose own date is today, ticked by the Tasks plugin today, closes that task`, async () => {
      const files = { ...crmVault(), [PLAN]: plan(" ", " ", " ") };
      // The Tasks plugin puts today's date in place of the one the line had: here the same.
      const { vault, warned } = await editedBothWays(files, OFF, [[ACME, line(`- [ ] Send plan ✅ ${TODAY}`, `- [x] Send plan ✅ ${TODAY}`)]], how);
      expect(vault.get(PLAN)).toBe(plan(" ", "x", " "));
      expect(warned).toEqual([]);
    });
  }
});

describe("source links off: the page cannot tell which task a Tasks tick is, its notes edited meanwhile (B36-A's cases, note and page saved within the refresh delay)", () => {
  const B = "Notes/2025-10-23.md";
  const C = "Notes/2025-10-24.md";
  const S = "Notes/2025-10-25.md";
  const dropped = (l: string): string => `${ACME}: tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: ${l}`;
  const cases: Array<{ name: string; files: Record<string, string>; edits: Edit[]; notes: Record<string, string>; warned: string[] }> = [
    {
      name: "a stale line ticked, a dated task of its text added since: closes neither",
      files: { [B]: "[[Acme]] prep\n- [ ] Send plan\n" },
      edits: [
        [B, () => "[[Acme]] prep\n- [-] Send plan\n- [ ] Send plan ❌ 2025-05-01\n"],
        [ACME, line("- [ ] Send plan", "- [x] Send plan ✅ 2025-11-01")],
      ],
      notes: { [B]: "[[Acme]] prep\n- [-] Send plan\n- [ ] Send plan ❌ 2025-05-01\n" },
      warned: [dropped("- [x] Send plan ✅ 2025-11-01")],
    },
    {
      name: "stamped with today's date, reading as a task whose own date is today and whose line was deleted: closes neither",
      files: { [B]: "[[Acme]] prep\n- [ ] Send plan\n", [C]: `[[Acme]] later\n- [ ] Send plan ✅ ${TODAY}\n` },
      edits: [[ACME, (t) => line("- [ ] Send plan", `- [x] Send plan ✅ ${TODAY}`)(t.replace(`- [ ] Send plan ✅ ${TODAY}\n`, ""))]],
      notes: { [B]: "[[Acme]] prep\n- [ ] Send plan\n", [C]: `[[Acme]] later\n- [ ] Send plan ✅ ${TODAY}\n` },
      warned: [dropped(`- [x] Send plan ✅ ${TODAY}`)],
    },
    {
      name: "two lines of one text, two statuses, one a stale line: neither status given",
      files: { [B]: "[[Acme]] prep\n- [ ] Send plan\n", [S]: "[[Acme]] later\n- [ ] Send plan ✅ 2025-10-01\n" },
      edits: [
        [S, () => "[[Acme]] later\n- [x] Send plan ✅ 2025-10-01\n"],
        [ACME, (t) => line("- [ ] Send plan", `- [-] Send plan ❌ ${TODAY}`)(line("- [ ] Send plan ✅ 2025-10-01", `- [x] Send plan ✅ ${TODAY}`)(t))],
      ],
      notes: { [B]: "[[Acme]] prep\n- [ ] Send plan\n", [S]: "[[Acme]] later\n- [x] Send plan ✅ 2025-10-01\n" },
      warned: [dropped(`- [-] Send plan ❌ ${TODAY}`), dropped(`- [x] Send plan ✅ ${TODAY}`)],
    },
    {
      name: "a click and a stale line cancelled by the Tasks plugin: the click's task gets [x]",
      files: { [B]: "[[Acme]] prep\n- [ ] Send plan\n", [S]: "[[Acme]] later\n- [ ] Send plan ✅ 2025-10-01\n" },
      edits: [
        [S, () => "[[Acme]] later\n- [x] Send plan ✅ 2025-10-01\n"],
        [ACME, (t) => line("- [ ] Send plan", "- [x] Send plan")(line("- [ ] Send plan ✅ 2025-10-01", `- [-] Send plan ❌ ${TODAY}`)(t))],
      ],
      notes: { [B]: "[[Acme]] prep\n- [x] Send plan\n", [S]: "[[Acme]] later\n- [x] Send plan ✅ 2025-10-01\n" },
      warned: [dropped(`- [-] Send plan ❌ ${TODAY}`)],
    },
    {
      name: "a task deleted since, its line ticked today, and the line of a task whose own date is today cancelled: neither taken",
      files: {
        "Notes/2025-10-20.md": "[[Acme]] p\n- [ ] Call Bob  [completion:: 2025-06-01]\n",
        "Notes/2025-10-21.md": `[[Acme]] q\n- [ ] Call Bob ✅ ${TODAY}\n`,
        "Notes/2025-10-22.md": "[[Acme]] r\n- [ ] Call Bob\n",
      },
      edits: [
        ["Notes/2025-10-20.md", () => "[[Acme]] p\n"],
        [ACME, (t) => line(`- [ ] Call Bob ✅ ${TODAY}`, `- [-] Call Bob ❌ ${TODAY}`)(line("- [ ] Call Bob  [completion:: 2025-06-01]", `- [x] Call Bob ✅ ${TODAY}`)(t))],
      ],
      notes: { "Notes/2025-10-20.md": "[[Acme]] p\n", "Notes/2025-10-21.md": `[[Acme]] q\n- [ ] Call Bob ✅ ${TODAY}\n`, "Notes/2025-10-22.md": "[[Acme]] r\n- [ ] Call Bob\n" },
      warned: [dropped(`- [-] Call Bob ❌ ${TODAY}`), dropped(`- [x] Call Bob ✅ ${TODAY}`)],
    },
    {
      name: "two lines of one text cancelled, a closed twin in the note: each warning names its own line",
      files: { [B]: "[[Acme]] prep\n- [ ] send  plan. ✅ 2025-06-01\n- [ ] Send plan\n- [x] Send plan\n" },
      edits: [[ACME, (t) => line("- [ ] Send plan", `- [-] Send plan ❌ ${TODAY}`)(line("- [ ] send  plan. ✅ 2025-06-01", `- [-] send  plan. ❌ ${TODAY}`)(t))]],
      notes: { [B]: "[[Acme]] prep\n- [ ] send  plan. ✅ 2025-06-01\n- [ ] Send plan\n- [x] Send plan\n" },
      warned: [dropped(`- [-] Send plan ❌ ${TODAY}`), dropped(`- [-] send  plan. ❌ ${TODAY}`)],
    },
    {
      name: "a stale line clicked, reading exactly as its task closed since, another dated line deleted: closes nothing",
      files: { [B]: "[[Acme]] d\n- [ ] Call Bob ✅ 2025-05-01\n", "Notes/2025-10-21.md": "[[Acme]] o\n- [ ] Call Bob\n", [S]: "[[Acme]] s\n- [ ] Call Bob ✅ 2025-06-01\n" },
      edits: [
        [S, () => "[[Acme]] s\n- [x] Call Bob ✅ 2025-06-01\n"],
        [ACME, (t) => line("- [ ] Call Bob ✅ 2025-06-01", "- [x] Call Bob ✅ 2025-06-01")(t.replace("- [ ] Call Bob ✅ 2025-05-01\n", ""))],
      ],
      notes: { [B]: "[[Acme]] d\n- [ ] Call Bob ✅ 2025-05-01\n", "Notes/2025-10-21.md": "[[Acme]] o\n- [ ] Call Bob\n", [S]: "[[Acme]] s\n- [x] Call Bob ✅ 2025-06-01\n" },
      warned: [dropped("- [x] Call Bob ✅ 2025-06-01")],
    },
  ];
  for (const how of ["typed", "written"] as const) {
    for (const c of cases) {
      it(`${how}: ${c.name}`, async () => {
        const { vault, warned } = await editedBothWays({ ...crmVault(), ...c.files }, OFF, c.edits, how);
        for (const [p, text] of Object.entries(c.notes)) expect(vault.get(p)).toBe(text);
        expect(warned).toEqual([...c.warned].sort());
      });
    }
    it(`${how}: a stale line ticked, the one open task of its text still standing open on the page: no open task matches it, not "tick it again where the page shows the task" (B38-F)`, async () => {
      // S's task closed in its note meanwhile, its stale line then ticked by the Tasks plugin. B's
      // line still stands open, so the tick is not B's (README, "Tasks and Dataview"): the page
      // tells it is no open task, and ticking again where the page shows `Send plan` would close B.
      const files = { [B]: "[[Acme]] prep\n- [ ] Send plan\n", [S]: "[[Acme]] later\n- [ ] Send plan ✅ 2025-10-01\n" };
      const edits: Edit[] = [
        [S, () => "[[Acme]] later\n- [x] Send plan ✅ 2025-10-01\n"],
        [ACME, line("- [ ] Send plan ✅ 2025-10-01", `- [x] Send plan ✅ ${TODAY}`)],
      ];
      const { vault, warned } = await editedBothWays({ ...crmVault(), ...files }, OFF, edits, how);
      expect(vault.get(B)).toBe("[[Acme]] prep\n- [ ] Send plan\n");
      expect(vault.get(S)).toBe("[[Acme]] later\n- [x] Send plan ✅ 2025-10-01\n");
      expect(warned).toEqual([`${ACME}: tick dropped, no open task matches it: - [x] Send plan ✅ ${TODAY}`]);
    });
  }
});

describe("source links off: the commands, refresh on save off", () => {
  const B = "Notes/2025-10-23.md";
  const C = "Notes/2025-10-24.md";
  for (const [command, extra] of [
    ["customer-pages:regenerate-page", ["--customer", "Acme"]],
    ["customer-pages:regenerate-all", []],
  ] as const) {
    it(`${command}: the click goes back, the Tasks tick reading as a task whose own date is today, that task's line deleted, is dropped`, async () => {
      const settings = { sourceLinks: false, refreshOnSave: false };
      const b = (box: string): string => `[[Acme]] prep\n- [ ] Send plan\n- [${box}] Other task\n`;
      const c = `[[Acme]] and [[Globex]] later\n- [ ] Send plan ✅ ${TODAY}\n`;
      const files = { ...crmVault(), [B]: b(" "), [C]: c };
      const warned = warnings();
      const { h, plugin } = await startPlugin(files, settings);
      await plugin.regenerateAll();
      await h.settle();
      const first = cliRun(files, settings);
      expect(markdownOf(h, first.files.keys())).toEqual(first.files);
      warned();
      const page = line("- [ ] Other task", "- [x] Other task")(line("- [ ] Send plan", `- [x] Send plan ✅ ${TODAY}`)(h.read(ACME).replace(`- [ ] Send plan ✅ ${TODAY}\n`, "")));
      await h.modifyExternally(ACME, page);
      await h.openFile(ACME);
      await h.settle();
      expect(h.executeCommand(command)).toBe(true);
      await h.settle();
      const second = cliRun(new Map([...first.files, [ACME, page]]), settings, [...extra]);
      expect(markdownOf(h, second.files.keys())).toEqual(second.files);
      expect(h.read(B)).toBe(b("x"));
      expect(h.read(C)).toBe(c);
      const message = `${ACME}: tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan ✅ ${TODAY}`;
      expect(second.warnings).toEqual([message]);
      expect(warned()).toEqual([message]);
      expect(section(h.read(ACME), "Open Tasks")).toBe(`- [ ] Send plan ✅ ${TODAY}\n- [ ] Send plan\n- [ ] Send the plan`);
    });
  }
});

describe("source links off: a page still waiting for its delay is taken along by the count of its ticked lines, not what they are told to be", () => {
  it("a Tasks tick on Globex's page the run's day drops is in Acme's round, as in one CLI run", async () => {
    const J = "Meetings/2025-10-20 - Joint.md";
    const K = "Notes/2025-10-24.md";
    const files = { ...crmVault(), [J]: "Joint call with [[Acme]] and [[Globex]].\n\n- [ ] Send plan\n- [ ] Book demo\n", [K]: "[[Globex]] later\n" };
    const { vault, warned, rounds } = await editedBothWays(
      files,
      OFF,
      [
        [K, () => `[[Globex]] later\n- [ ] Send plan ✅ ${TODAY}\n`],
        [ACME, line("- [ ] Book demo", "- [x] Book demo")],
        ["Customers/Globex.md", line("- [ ] Send plan", `- [x] Send plan ✅ ${TODAY}`)],
      ],
      "typed",
    );
    expect(vault.get(J)).toBe("Joint call with [[Acme]] and [[Globex]].\n\n- [ ] Send plan\n- [x] Book demo\n");
    expect(vault.get(K)).toBe(`[[Globex]] later\n- [ ] Send plan ✅ ${TODAY}\n`);
    expect(warned).toEqual([`Customers/Globex.md: tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan ✅ ${TODAY}`]);
    // Globex's delay had not run out when Acme's round started: its tick went along.
    expect(rounds[0]).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
  });
});

describe("source links off: a source note edited while the round reads and writes it", () => {
  const PLAN = "Meetings/2025-10-06 - Acme plan.md";
  // The round reads the note once for its closed tasks (the line's stamp was cut off), once to write
  // the tick: the edit lands after the first read, or between the second and the write.
  for (const [at, what] of [
    [1, "between the read for its closed tasks and the read for the write"],
    [2, "between the read for the write and the write"],
  ] as const) {
    it(`written ${what}: the edit kept, the tick written back (the next round, when the write found it changed)`, async () => {
      const files = { ...crmVault(), [PLAN]: "Plan with [[Acme]].\n\n- [ ] Send plan\n" };
      const warned = warnings();
      const { h, plugin } = await startPlugin(files, OFF);
      await plugin.regenerateAll();
      await h.settle();
      warned();
      const adapter = h.vault.adapter as unknown as { externalWrite(path: string, data: string): void };
      const vaultRead = h.vault.read.bind(h.vault);
      let reads = 0;
      vi.spyOn(h.vault, "read").mockImplementation(async (file) => {
        const text = await vaultRead(file);
        if (file.path === PLAN && ++reads === at) adapter.externalWrite(PLAN, `${text}\nSigned.\n`);
        return text;
      });
      const ticked = line("- [ ] Send plan", `- [x] Send plan ✅ ${TODAY}`)(h.read(ACME));
      await h.modifyExternally(ACME, ticked);
      await h.settle();
      expect(reads).toBeGreaterThanOrEqual(2);
      expect(h.read(PLAN)).toBe("Plan with [[Acme]].\n\n- [x] Send plan\n\nSigned.\n");
      expect(warned()).toEqual(at === 1 ? [] : [`${PLAN}: changed while ticks were applied; 1 task(s) left unticked`]);
      expect(section(h.read(ACME), "Open Tasks")).toBe("- [ ] Send the plan");
      // And the CLI makes nothing else of the vault as it is now.
      const now = cliRun(markdownOf(h, Object.keys(files)), OFF);
      expect(markdownOf(h, now.files.keys())).toEqual(now.files);
    });
  }
});

describe("source links off: a Tasks tick made while the round writes the page (B36-F)", () => {
  const B = "Notes/2025-10-23.md";
  const L = "Notes/2025-10-24.md";
  const later = `[[Acme]] later\n- [ ] Send plan ✅ ${TODAY}\n`;
  for (const how of ["typed", "written"] as const) {
    it(`${how}: one the page cannot tell apart is dropped with its warning, as in one CLI run; no task whose own date is today is closed`, async () => {
      // A task of `Send plan`'s text, its own date today, was added to a note since the page was
      // written; the Tasks plugin ticks `Send plan`'s line while the round the addition started
      // (with `Other task` clicked) writes the page. Read with no day and no closed tasks, the tick
      // was kept on the dated task's line, and the next round closed that task.
      const files = { ...crmVault(), [B]: "[[Acme]] prep\n- [ ] Send plan\n- [ ] Other task\n", [L]: "[[Acme]] later\n" };
      const warned = warnings();
      const { h, plugin } = await startPlugin(files, OFF);
      await plugin.regenerateAll();
      await h.settle();
      const first = cliRun(files, OFF);
      expect(markdownOf(h, first.files.keys())).toEqual(first.files);
      warned();
      const editor = how === "typed" ? (await h.openFile(ACME)).editor : null;
      await h.modifyExternally(L, later);
      const clicked = line("- [ ] Other task", "- [x] Other task")(first.files.get(ACME)!);
      const both = line("- [ ] Send plan", `- [x] Send plan ✅ ${TODAY}`)(clicked);
      let ticked = false;
      if (editor !== null) {
        expect(applyToEditor(editor, first.files.get(ACME)!, clicked)).toBe(true);
        // Ticked in the editor while the round reads the note of the click.
        const vaultRead = h.vault.read.bind(h.vault);
        vi.spyOn(h.vault, "read").mockImplementation(async (file) => {
          const text = await vaultRead(file);
          if (file.path === B && !ticked) {
            ticked = true;
            expect(applyToEditor(editor, clicked, both)).toBe(true);
          }
          return text;
        });
      } else {
        await h.modifyExternally(ACME, clicked);
        // Ticked through Sync just before the plugin writes the page.
        const process = h.vault.process.bind(h.vault);
        vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
          if (file.path === ACME && !ticked) {
            ticked = true;
            await h.vault.modify(file, both);
          }
          return process(file, fn, options);
        });
      }
      await h.settle();
      expect(ticked).toBe(true);
      expect(h.read(L)).toBe(later);
      expect(h.read(B)).toBe("[[Acme]] prep\n- [ ] Send plan\n- [x] Other task\n");
      const message = `${ACME}: tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan ✅ ${TODAY}`;
      expect(warned()).toEqual([message]);
      // One CLI run on the page holding both ticks makes the same of the vault.
      const second = cliRun(new Map([...first.files, [L, later], [ACME, both]]), OFF);
      expect(second.warnings).toEqual([message]);
      expect(markdownOf(h, second.files.keys())).toEqual(second.files);
      if (editor !== null) expect(editor.getValue()).toBe(h.read(ACME));
    });
  }
});

describe("the day a round runs for is the local calendar day, as the CLI's default and the Tasks plugin's stamp", () => {
  it("where the local day is not UTC's, a line stamped with the local day is taken as stamped today", async () => {
    const before = process.env.TZ;
    // 01:00 on 2026-01-01 at UTC+14; 2025-12-31 in UTC.
    process.env.TZ = "Pacific/Kiritimati";
    try {
      const B = "Notes/2025-10-23.md";
      const C = "Notes/2025-10-24.md";
      const c = `[[Acme]] later\n- [ ] Send plan ✅ ${TODAY}\n`;
      const files = { ...crmVault(), [B]: "[[Acme]] prep\n- [ ] Send plan\n", [C]: c };
      const warned = warnings();
      const { h, plugin } = await startPlugin(files, OFF, { now: Date.UTC(2025, 11, 31, 11) });
      expect(new Date().getDate()).toBe(1);
      await plugin.regenerateAll();
      await h.settle();
      warned();
      // Taken for stamped another day, the line would be a click on the dated task, and close it.
      await h.modifyExternally(ACME, line("- [ ] Send plan", `- [x] Send plan ✅ ${TODAY}`)(h.read(ACME).replace(`- [ ] Send plan ✅ ${TODAY}\n`, "")));
      await h.settle();
      expect(h.read(C)).toBe(c);
      expect(warned()).toEqual([`${ACME}: tick dropped, the page cannot tell which task of its text it is: tick it again where the page shows the task: - [x] Send plan ✅ ${TODAY}`]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("the CLI's default day is the local one: 25 hours apart, two zones name two days", () => {
    const vault = makeVault({ "Customers/Acme.md": "# Acme\n" });
    // The real clock (the fake one may be installed): read before and after each run.
    const now = (): number => performance.timeOrigin + performance.now();
    for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago"]) {
      const day = (): string => new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now());
      const before = day();
      const r = spawnSync(process.execPath, [cli, "regenerate", "--vault", vault, "--dry-run", "--json"], { encoding: "utf8", env: { ...process.env, TZ: zone } });
      const after = day();
      expect(r.status, r.stderr).toBe(0);
      expect([before, after]).toContain((JSON.parse(r.stdout) as { today: string }).today);
    }
  });
});
