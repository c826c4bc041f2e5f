// @vitest-environment happy-dom
// The plugin's first build works in slices and lets Obsidian run in between (a 50,000-note vault
// takes seconds to index), and gives the index a build in one piece gives. Nothing here is timed:
// a slice of 0 ms pauses after every step, one of Infinity never does.
import { describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";
import { Indexer } from "../../src/plugin/indexer";
import { createStartedApp } from "../fake-obsidian/harness";
import { crmVault, startPlugin } from "./setup";

const TODAY = parseIsoDay("2026-01-01")!;

function vault(): Record<string, string> {
  const files = crmVault();
  for (let i = 0; i < 150; i++) {
    const who = ["[[Ann Lee]]", "[[Bob Stone]]", "[[Dana]]"][i % 3];
    const customer = i % 2 === 0 ? "[[Acme]]" : "Globex";
    files[`Meetings/2025-09-${String((i % 28) + 1).padStart(2, "0")} - call ${i}.md`] = `Call ${i} with ${who} about ${customer}.\n\n- [ ] Follow up ${i}\n`;
  }
  return files;
}

describe("the plugin's first build", () => {
  it("lets the app run between slices, and builds the index a build in one piece builds", async () => {
    const files = vault();
    const h = await createStartedApp({ files });
    const sliced = new Indexer(h.app, DEFAULT_SETTINGS, 0);
    // A task that asks to run again as long as the build is not done: how often the app got a turn.
    let turns = 0;
    const turn = (): void => {
      turns++;
      if (sliced.ready === null) window.setTimeout(turn, 0);
    };
    const built = sliced.build();
    window.setTimeout(turn, 0);
    await h.run(built);
    // One turn at least per note (157 notes), then per 64 notes or links while linking and relating.
    expect(turns).toBeGreaterThan(157);

    const whole = new Indexer(h.app, DEFAULT_SETTINGS, Infinity);
    await h.run(whole.build());
    const a = sliced.ready!;
    const b = whole.ready!;
    expect(a.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
    expect(a.linkGraph()).toEqual(b.linkGraph());
    expect(a.warnings()).toEqual(b.warnings());
    for (const c of b.customerPaths()) {
      expect([...a.relatedNotes(c)].sort()).toEqual([...b.relatedNotes(c)].sort());
      expect(renderPage(a, c, files[c]!, TODAY).text).toBe(renderPage(b, c, files[c]!, TODAY).text);
    }
    // Acme: the 75 even calls link it; of the odd ones, the 25 with Ann Lee (i ≡ 3 mod 6) reach it
    // through her (company: Acme); and the kickoff meeting links Ann Lee.
    expect(a.relatedNotes("Customers/Acme.md").size).toBe(101);
  });

  it("a build overtaken by a newer one (a settings change) keeps nothing of its own", async () => {
    const files = vault();
    const h = await createStartedApp({ files });
    const indexer = new Indexer(h.app, DEFAULT_SETTINGS, 0);
    // Twenty turns into the first build, the settings change to exclude Meetings: the second build
    // has far less to do and ends first; the first, ending later, must not put its index in place.
    let second: Promise<void> | null = null;
    let turns = 0;
    const turn = (): void => {
      if (++turns === 20) second = indexer.updateSettings({ ...DEFAULT_SETTINGS, excludedFolders: ["Meetings"] });
      else window.setTimeout(turn, 0);
    };
    const first = indexer.build();
    window.setTimeout(turn, 0);
    await h.run(first);
    expect(second).not.toBeNull();
    await h.run(second!);
    const index = await h.run(indexer.settled());
    expect(index!.settings.excludedFolders).toEqual(["Meetings"]);
    // Every note that relates to a customer is a meeting.
    expect(index!.relatedNotes("Customers/Acme.md").size).toBe(0);
    expect(index!.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
  });

  it("matches a new customer's name in slices, the index in use meanwhile, and keeps an edit made in between", async () => {
    const files = vault();
    // Every fifth call names Initech in plain text: a mention once Initech is a customer.
    for (let i = 0; i < 150; i += 5) {
      const p = `Meetings/2025-09-${String((i % 28) + 1).padStart(2, "0")} - call ${i}.md`;
      files[p] = files[p]!.replace("\n\n", " Initech asked too.\n\n");
    }
    const h = await createStartedApp({ files });
    const indexer = new Indexer(h.app, DEFAULT_SETTINGS, 0);
    for (const ref of indexer.listen()) void ref;
    await h.run(indexer.build());
    const INITECH = "Customers/Initech.md";
    const dropped = "Meetings/2025-09-01 - call 0.md"; // named Initech; the edit takes it out
    const added = "Meetings/2025-09-02 - call 1.md"; // did not; the edit puts it in
    let rematched = false;
    indexer.onEvent("changed", (_affected, path) => {
      if (path === undefined) rematched = true;
    });
    let turns = 0;
    let edited = false;
    const turn = (): void => {
      turns++;
      if (turns === 30) {
        // Halfway through the rematch, the index answers, and two notes change.
        expect(indexer.ready).not.toBeNull();
        edited = true;
        void h.modifyExternally(dropped, "Call 0 about [[Acme]], nobody else.\n");
        void h.modifyExternally(added, "Call 1; Initech joined.\n");
      }
      if (!rematched) window.setTimeout(turn, 0);
    };
    await h.createExternally(INITECH, "---\ntype: customer\n---\n# Initech\n");
    window.setTimeout(turn, 0);
    await h.settle();
    await h.run(indexer.settled());
    expect(rematched).toBe(true);
    expect(edited).toBe(true);
    expect(turns).toBeGreaterThan(100);

    const final: Record<string, string> = { ...files, [INITECH]: "---\ntype: customer\n---\n# Initech\n" };
    final[dropped] = "Call 0 about [[Acme]], nobody else.\n";
    final[added] = "Call 1; Initech joined.\n";
    const fresh = VaultIndex.build(Object.entries(final).map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const index = indexer.ready!;
    const related = [...index.relatedNotes(INITECH)].sort();
    expect(related).toEqual([...fresh.relatedNotes(INITECH)].sort());
    // By hand: calls 5, 10, …, 145 (29 notes; call 0 no longer names it) and call 1.
    expect(related).toHaveLength(30);
    expect(related).toContain(added);
    expect(related).not.toContain(dropped);
    for (const c of fresh.customerPaths()) expect(renderPage(index, c, final[c]!, TODAY).text).toBe(renderPage(fresh, c, final[c]!, TODAY).text);
  });

  it("a command run while the names are matched again waits for the matching: the new customer's page lists the notes that name it", async () => {
    const files = vault();
    for (let i = 0; i < 150; i += 5) {
      const p = `Meetings/2025-09-${String((i % 28) + 1).padStart(2, "0")} - call ${i}.md`;
      files[p] = files[p]!.replace("\n\n", " Initech asked too.\n\n");
    }
    const { h, plugin } = await startPlugin(files, { refreshOnSave: false });
    const INITECH = "Customers/Initech.md";
    const text = "---\ntype: customer\n---\n# Initech\n";
    // Every step of the matching takes "30 ms": it pauses after each, as in a large vault.
    let t = 0;
    const clock = vi.spyOn(performance, "now").mockImplementation(() => (t += 30));
    try {
      await h.createExternally(INITECH, text);
      expect(h.executeCommand("customer-pages:regenerate-all")).toBe(true);
      await h.settle();
    } finally {
      clock.mockRestore();
    }
    const fresh = VaultIndex.build(Object.entries({ ...files, [INITECH]: text }).map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    expect(h.read(INITECH)).toBe(renderPage(fresh, INITECH, text, TODAY).text);
    // The wait is said, as the first index's is.
    expect(h.notices()[0]).toBe("Customer pages: indexing the vault; the pages follow.");
    // By hand: the newest of the 30 calls that name it, 15 of them (the Recent Context limit).
    expect(h.read(INITECH).match(/^- 2025-09-\d\d: /gm)).toHaveLength(15);
  });
});
