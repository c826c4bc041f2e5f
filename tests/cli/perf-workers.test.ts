// Reading ahead on a worker (src/cli/read-ahead.ts), and reading and parsing on worker threads
// (src/cli/parse-pool.ts), change nothing the tool does:
// every fixture vault, regenerated and linked with 0, 1, 2 and 3 workers, gives the same output and
// the same files, byte for byte. The worker count is forced with CUSTOMER_PAGES_WORKERS (the tool
// only starts workers by itself for big vaults on 4+ cores). Nothing here is timed.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/vault";
import { buildCli, copyOf, fileBytes, makeVault, removeTemps } from "./cli-helpers";

let cli = "";
beforeAll(() => {
  cli = buildCli();
});
afterAll(() => removeTemps());

/**
 * `workers` workers; a negative count -n: n workers and the main thread parsing nothing, so that
 * the workers parse every file even of a small vault (the main thread takes its share first).
 */
function run(vault: string, args: readonly string[], workers: number, reader = "0"): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, CUSTOMER_PAGES_WORKERS: String(Math.abs(workers)), CUSTOMER_PAGES_READER: reader };
  if (workers < 0) env.CUSTOMER_PAGES_MAIN_PARSES = "0";
  const r = spawnSync(process.execPath, [cli, ...args.map((a) => (a === "VAULT" ? vault : a))], {
    encoding: "utf8",
    timeout: 60_000,
    env,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout.split(vault).join("VAULT"), stderr: r.stderr.split(vault).join("VAULT") };
}

const FIXTURES = join(ROOT, "tests", "fixtures");
// A few fixtures that cover what parsing feeds: encodings, exclusions, mentions, links, write-back.
const SOME = ["encoding", "vault-exclusions", "relation-mentions", "links-resolution", "defect-writeback", "page-crlf", "harvest-invisible"];
const vaults: Array<[string, string, string, number[]]> = [["examples", join(ROOT, "examples", "vault"), "2025-11-15", [0, 1, -1, 2, -3]]];
for (const name of SOME) {
  const spec = join(FIXTURES, name, "fixture.json");
  if (!existsSync(spec)) continue;
  vaults.push([name, join(FIXTURES, name, "vault"), (JSON.parse(readFileSync(spec, "utf8")) as { today: string }).today, [0, 2]]);
}

describe("reading ahead on a worker gives the same result as reading on the main thread", () => {
  for (const [name, dir, today] of vaults) {
    it(name, () => {
      const args = ["regenerate", "--vault", "VAULT", "--today", today, "--json"];
      const [plain, ahead] = ["0", "all"].map((reader) => {
        const vault = copyOf(dir);
        return { ...run(vault, args, 0, reader), files: fileBytes(vault) };
      });
      expect(ahead!.status).toBe(plain!.status);
      expect(ahead!.stdout).toBe(plain!.stdout);
      expect(ahead!.stderr).toBe(plain!.stderr);
      expect([...ahead!.files.keys()].sort()).toEqual([...plain!.files.keys()].sort());
      for (const [p, bytes] of plain!.files) expect(Buffer.compare(ahead!.files.get(p)!, bytes), p).toBe(0);
    });
  }
});

describe("worker threads give the same result as the main thread", () => {
  for (const [name, dir, today, counts] of vaults) {
    it(name, () => {
      const commands = name === "examples" ? [["regenerate", "--vault", "VAULT", "--today", today, "--json"], ["links", "--vault", "VAULT"]] : [["regenerate", "--vault", "VAULT", "--today", today, "--json"]];
      for (const args of commands) {
        const results = counts.map((workers) => {
          const vault = copyOf(dir);
          return { workers, ...run(vault, args, workers), files: fileBytes(vault) };
        });
        const [one, ...others] = results;
        for (const r of others) {
          expect(r.status, `${args[0]} with ${r.workers} workers`).toBe(one!.status);
          expect(r.stdout, `${args[0]} with ${r.workers} workers`).toBe(one!.stdout);
          expect(r.stderr, `${args[0]} with ${r.workers} workers`).toBe(one!.stderr);
          expect([...r.files.keys()].sort()).toEqual([...one!.files.keys()].sort());
          for (const [p, bytes] of one!.files) expect(Buffer.compare(r.files.get(p)!, bytes), p).toBe(0);
        }
      }
    });
  }

  it("a note that is not valid UTF-8, and an excluded folder, are reported and kept the same way", () => {
    const spec = {
      ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["Archive/"] }),
      "Customers/Acme.md": "---\ntype: customer\n---\n# Acme\n\n## Key Facts\n",
      "Meetings/2025-10-01 Sync.md": Buffer.concat([Buffer.from("Met Acme about [[Acme]].\n## Key Facts\n- fact \xff\n", "latin1")]),
      "Meetings/2025-10-02 Call.md": "Acme again.\n- [ ] a task [[Acme]]\n",
      "Archive/Old Acme.md": Buffer.from([0xff, 0xfe, 0x41]),
      "People/Ann.md": "---\ntype: person\ncompany: Acme\n---\n",
    };
    const results = [0, -2].map((workers) => {
      const vault = makeVault(spec);
      return { ...run(vault, ["regenerate", "--vault", "VAULT", "--today", "2025-11-01"], workers), files: fileBytes(vault) };
    });
    expect(results[1]!.stdout).toBe(results[0]!.stdout);
    expect(results[1]!.stderr).toBe(results[0]!.stderr);
    expect(results[0]!.stderr).toContain("not valid UTF-8");
    for (const [p, bytes] of results[0]!.files) expect(Buffer.compare(results[1]!.files.get(p)!, bytes), p).toBe(0);
  });
});
