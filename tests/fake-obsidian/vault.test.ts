import { describe, expect, it } from "vitest";
import { TFile, TFolder } from "obsidian";
import { createFakeApp, createStartedApp } from "./harness";

describe("vault tree", () => {
  it("builds TFile/TFolder objects with Obsidian's naming rules", async () => {
    const h = await createStartedApp({
      files: { "Customers/Acme Corp.md": "# Acme", "Customers/logo.v2.png": "", "README.md": "", "Empty/": "" },
    });
    const file = h.vault.getFileByPath("Customers/Acme Corp.md");
    expect(file).toBeInstanceOf(TFile);
    expect(file?.name).toBe("Acme Corp.md");
    expect(file?.basename).toBe("Acme Corp");
    expect(file?.extension).toBe("md");
    expect(file?.parent?.path).toBe("Customers");
    expect(file?.vault).toBe(h.vault);
    const png = h.vault.getFileByPath("Customers/logo.v2.png");
    expect([png?.basename, png?.extension]).toEqual(["logo.v2", "png"]);

    const root = h.vault.getRoot();
    expect(root.isRoot()).toBe(true);
    expect(root.path).toBe("/");
    expect(h.vault.getAbstractFileByPath("/")).toBe(root);
    expect(h.vault.getFileByPath("README.md")?.parent).toBe(root);
    expect(h.vault.getFolderByPath("Empty")).toBeInstanceOf(TFolder);
    expect(h.vault.getFolderByPath("Customers")?.children.map((c) => c.name).sort()).toEqual(["Acme Corp.md", "logo.v2.png"]);
    // Lookups are exact and case sensitive; a file is not a folder.
    expect(h.vault.getAbstractFileByPath("customers/acme corp.md")).toBeNull();
    expect(h.vault.getFolderByPath("README.md")).toBeNull();

    expect(h.vault.getMarkdownFiles().map((f) => f.path).sort()).toEqual(["Customers/Acme Corp.md", "README.md"]);
    expect(h.vault.getFiles()).toHaveLength(3);
    expect(h.vault.getAllLoadedFiles().map((f) => f.path)).toContain("/");
    expect(h.vault.getAllFolders().map((f) => f.path).sort()).toEqual(["Customers", "Empty"]);
    expect(h.vault.getAllFolders(true)).toContain(root);
    expect(h.vault.configDir).toBe(".obsidian");
    expect(h.vault.getName()).toBe("Test Vault");
  });

  it("keeps dot-folders (.obsidian) out of the vault but readable through the adapter", async () => {
    const h = await createStartedApp({ files: { ".obsidian/app.json": "{}", "a.md": "" } });
    expect(h.vault.getAbstractFileByPath(".obsidian")).toBeNull();
    expect(await h.vault.adapter.exists(".obsidian/app.json")).toBe(true);
    expect(await h.vault.adapter.read(".obsidian/app.json")).toBe("{}");
    expect((await h.vault.adapter.list("/")).folders).toContain(".obsidian");
  });

  it("stamps stat from the clock and keeps mtime strictly increasing per write", async () => {
    const h = await createStartedApp({ now: 1_000_000, files: { "a.md": "héllo" } });
    const f = h.file("a.md");
    expect(f.stat).toEqual({ ctime: 1_000_000, mtime: 1_000_000, size: 6 });
    await h.vault.modify(f, "x");
    expect(f.stat.mtime).toBe(1_000_001);
    expect(f.stat.ctime).toBe(1_000_000);
    await h.advance(5000);
    await h.vault.modify(f, "y");
    expect(f.stat.mtime).toBe(1_005_000);
    expect(f.stat.size).toBe(1);
  });
});

describe("vault events", () => {
  it("fires create for every existing file at startup, before layout ready, after plugins load", async () => {
    const h = createFakeApp({ files: { "A/one.md": "", "two.md": "" } });
    const seen: string[] = [];
    h.vault.on("create", (f) => seen.push(f.path));
    h.workspace.onLayoutReady(() => seen.push("layout-ready"));
    // Before startup the vault is still empty, as in Obsidian while plugins load.
    expect(h.vault.getFiles()).toHaveLength(0);
    await h.startup();
    expect(seen).toEqual(["A", "A/one.md", "two.md", "layout-ready"]);
  });

  it("create: the event fires before the promise resolves, with the same TFile", async () => {
    const h = await createStartedApp({ files: { "Notes/": "" } });
    const events: string[] = [];
    h.vault.on("create", (f) => events.push(`create ${f.path}`));
    const promise = h.vault.create("Notes/new.md", "hi");
    expect(events).toEqual([]); // asynchronous, like disk I/O
    const file = await promise;
    expect(events).toEqual(["create Notes/new.md"]);
    expect(h.vault.getFileByPath("Notes/new.md")).toBe(file);
    expect(await h.vault.read(file)).toBe("hi");
    await expect(h.vault.create("Notes/new.md", "again")).rejects.toThrow("File already exists.");
    await expect(h.vault.create("Missing/x.md", "")).rejects.toThrow(/ENOENT/);
    expect(h.vaultWrites().map((w) => [w.api, w.path])).toEqual([["vault.create", "Notes/new.md"]]);
  });

  it("createFolder creates intermediate folders, each with a create event", async () => {
    const h = await createStartedApp();
    const events: string[] = [];
    h.vault.on("create", (f) => events.push(f.path));
    const folder = await h.vault.createFolder("a/b/c");
    expect(folder.path).toBe("a/b/c");
    expect(events).toEqual(["a", "a/b", "a/b/c"]);
    await expect(h.vault.createFolder("a/b")).rejects.toThrow("Folder already exists.");
  });

  it("modify and append write through and fire modify; the TFile object stays the same", async () => {
    const h = await createStartedApp({ files: { "a.md": "one" } });
    const f = h.file("a.md");
    const events: unknown[] = [];
    h.vault.on("modify", (file) => events.push(file));
    await h.vault.modify(f, "two");
    await h.vault.append(f, "\nthree");
    expect(events).toEqual([f, f]);
    expect(h.read("a.md")).toBe("two\nthree");
    expect(h.vaultWrites().map((w) => w.api)).toEqual(["vault.modify", "vault.append"]);
  });

  it("process is atomic where read-then-modify loses updates", async () => {
    const h = await createStartedApp({ files: { "count.md": "0" } });
    const f = h.file("count.md");
    await Promise.all([1, 2, 3].map(() => h.vault.process(f, (d) => String(Number(d) + 1))));
    expect(h.read("count.md")).toBe("3");

    // The same with read + modify: every reader sees "3", so two increments are lost.
    await Promise.all(
      [1, 2, 3].map(async () => {
        const d = await h.vault.read(f);
        await h.vault.modify(f, String(Number(d) + 1));
      }),
    );
    expect(h.read("count.md")).toBe("4");
  });

  it("process returns the written text, fires modify even when unchanged, and writes nothing if fn throws", async () => {
    const h = await createStartedApp({ files: { "a.md": "same" } });
    const f = h.file("a.md");
    let modifies = 0;
    h.vault.on("modify", () => modifies++);
    expect(await h.vault.process(f, (d) => d)).toBe("same");
    expect(modifies).toBe(1);
    await expect(
      h.vault.process(f, () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(modifies).toBe(1);
    expect(h.vaultWrites({ api: "vault.process" })).toHaveLength(1);
  });

  it("rename moves the file, keeps the object, and fires rename(file, oldPath) for a folder and its contents", async () => {
    const h = await createStartedApp({ files: { "Old/a.md": "", "Old/Sub/b.md": "" } });
    const a = h.file("Old/a.md");
    const events: string[] = [];
    h.vault.on("rename", (file, oldPath) => events.push(`${oldPath} -> ${file.path}`));
    await h.vault.rename(a, "Old/renamed.md");
    expect(a.path).toBe("Old/renamed.md");
    expect(a.basename).toBe("renamed");
    expect(h.vault.getFileByPath("Old/renamed.md")).toBe(a);
    expect(h.vault.getFileByPath("Old/a.md")).toBeNull();

    events.length = 0;
    await h.vault.rename(h.vault.getFolderByPath("Old") as TFolder, "New");
    // The folder first, then everything inside it, each with its own old path.
    expect(events[0]).toBe("Old -> New");
    expect(events.slice(1).sort()).toEqual(["Old/Sub -> New/Sub", "Old/Sub/b.md -> New/Sub/b.md", "Old/renamed.md -> New/renamed.md"]);
    expect(events.indexOf("Old/Sub -> New/Sub")).toBeLessThan(events.indexOf("Old/Sub/b.md -> New/Sub/b.md"));
    expect(a.path).toBe("New/renamed.md");
    expect(a.parent?.path).toBe("New");
    await expect(h.vault.rename(a, "New/Sub/b.md")).rejects.toThrow("Destination file already exists!");
  });

  it("delete fires for folder contents first, then the folder; stale TFiles are refused", async () => {
    const h = await createStartedApp({ files: { "F/a.md": "", "F/G/b.md": "" } });
    const a = h.file("F/a.md");
    const events: string[] = [];
    h.vault.on("delete", (file) => events.push(file.path));
    await h.vault.delete(h.vault.getFolderByPath("F") as TFolder, true);
    // Contents before their folder, the folder last.
    expect([...events].sort()).toEqual(["F", "F/G", "F/G/b.md", "F/a.md"]);
    expect(events.at(-1)).toBe("F");
    expect(events.indexOf("F/G/b.md")).toBeLessThan(events.indexOf("F/G"));
    expect(h.exists("F/a.md")).toBe(false);
    await expect(h.vault.modify(a, "x")).rejects.toThrow(/not in the vault/);
  });

  it("trash(file, false) moves to .trash, which the vault does not show", async () => {
    const h = await createStartedApp({ files: { "a.md": "keep me" } });
    const deleted: string[] = [];
    h.vault.on("delete", (f) => deleted.push(f.path));
    await h.vault.trash(h.file("a.md"), false);
    expect(deleted).toEqual(["a.md"]);
    expect(h.read(".trash/a.md")).toBe("keep me");
    expect(h.opLog.map((o) => o.op)).toEqual(["trash"]);
  });

  it("copy creates a new file with a create event", async () => {
    const h = await createStartedApp({ files: { "a.md": "text" } });
    const created: string[] = [];
    h.vault.on("create", (f) => created.push(f.path));
    const copy = await h.vault.copy(h.file("a.md"), "b.md");
    expect(copy.path).toBe("b.md");
    expect(created).toEqual(["b.md"]);
    expect(h.read("b.md")).toBe("text");
  });

  it("adapter writes to vault files reach the vault like Obsidian's own reconcile", async () => {
    const h = await createStartedApp({ files: { "a.md": "1" } });
    const events: string[] = [];
    h.vault.on("modify", (f) => events.push(`modify ${f.path}`));
    h.vault.on("create", (f) => events.push(`create ${f.path}`));
    await h.vault.adapter.write("a.md", "2");
    await h.vault.adapter.write("b.md", "new");
    expect(await h.vault.adapter.process("a.md", (d) => d + "!")).toBe("2!");
    expect(events).toEqual(["modify a.md", "create b.md", "modify a.md"]);
    expect(h.writeLog.map((w) => w.api)).toEqual(["adapter.write", "adapter.write", "adapter.process"]);
    expect(await h.vault.adapter.exists("b.md")).toBe(true);
    expect((await h.vault.adapter.list("")).files).toEqual(["a.md", "b.md"]);
  });

  it("offref and off detach listeners; on() returns a ref usable with offref", async () => {
    const h = await createStartedApp({ files: { "a.md": "" } });
    const calls: string[] = [];
    const ref = h.vault.on("modify", () => calls.push("ref"));
    const fn = () => calls.push("fn");
    h.vault.on("modify", fn);
    h.vault.offref(ref);
    await h.vault.modify(h.file("a.md"), "1");
    h.vault.off("modify", fn);
    await h.vault.modify(h.file("a.md"), "2");
    expect(calls).toEqual(["fn"]);
    expect(h.liveRegistrations().vaultListeners).toEqual({});
  });

  it("external changes fire the same events without counting as writes", async () => {
    const h = await createStartedApp({ files: { "a.md": "1" } });
    const events: string[] = [];
    h.vault.on("modify", (f) => events.push(`modify ${f.path}`));
    h.vault.on("create", (f) => events.push(`create ${f.path}`));
    h.vault.on("delete", (f) => events.push(`delete ${f.path}`));
    h.vault.on("rename", (f, old) => events.push(`rename ${old}->${f.path}`));
    await h.modifyExternally("a.md", "2");
    await h.createExternally("New/b.md", "b");
    await h.renameExternally("New/b.md", "New/c.md");
    await h.deleteExternally("a.md");
    // A rename made by another program reaches Obsidian through its file watcher: a delete and a create.
    expect(events).toEqual(["modify a.md", "create New", "create New/b.md", "delete New/b.md", "create New/c.md", "delete a.md"]);
    expect(h.writeLog).toHaveLength(0);
  });

  it("a folder moved by another program: a delete for each file and folder in it (contents first), then a create for each, parents first, with new TFiles; moved in Obsidian: one rename each, the same TFiles", async () => {
    const h = await createStartedApp({ files: { "A/x.md": "x", "A/B/y.md": "y" } });
    const events: string[] = [];
    h.vault.on("create", (f) => events.push(`create ${f.path}`));
    h.vault.on("delete", (f) => events.push(`delete ${f.path}`));
    h.vault.on("rename", (f, old) => events.push(`rename ${old}->${f.path}`));
    const x = h.file("A/x.md");
    await h.renameExternally("A", "Z/A");
    expect(events).toEqual(["delete A/B/y.md", "delete A/B", "delete A/x.md", "delete A", "create Z", "create Z/A", "create Z/A/B", "create Z/A/B/y.md", "create Z/A/x.md"]);
    expect(h.vault.getFileByPath("A/x.md")).toBeNull();
    expect(h.file("Z/A/x.md")).not.toBe(x);
    expect(h.read("Z/A/x.md")).toBe("x");
    events.length = 0;
    const y = h.file("Z/A/B/y.md");
    await h.renameInObsidian("Z/A", "A");
    expect(events).toEqual(["rename Z/A->A", "rename Z/A/B->A/B", "rename Z/A/B/y.md->A/B/y.md", "rename Z/A/x.md->A/x.md"]);
    expect(h.file("A/B/y.md")).toBe(y);
  });

  it("failReads: the vault's and the adapter's reads reject with the adapter's error, the metadata cache says nothing, the failure follows a rename", async () => {
    const h = await createStartedApp({ files: { "a.md": "one", "b.md": "two" } });
    const changed: string[] = [];
    h.app.metadataCache.on("changed", (f) => changed.push(f.path));
    h.failReads("a.md");
    h.failReads("b.md", "EIO");
    await expect(h.vault.cachedRead(h.file("a.md"))).rejects.toThrow("EACCES: permission denied, open 'a.md'");
    await expect(h.vault.read(h.file("a.md"))).rejects.toMatchObject({ code: "EACCES" });
    await expect(h.vault.adapter.read("b.md")).rejects.toThrow("EIO: i/o error, read");
    await expect(h.vault.process(h.file("b.md"), (t) => t + "!")).rejects.toMatchObject({ code: "EIO" });
    await h.modifyExternally("a.md", "three");
    await h.settle();
    expect(changed).toEqual([]);
    await h.renameExternally("a.md", "c.md");
    await expect(h.vault.cachedRead(h.file("c.md"))).rejects.toMatchObject({ code: "EACCES" });
    h.allowReads("c.md");
    expect(await h.vault.cachedRead(h.file("c.md"))).toBe("three");
    expect(h.read("b.md")).toBe("two");
  });
});
