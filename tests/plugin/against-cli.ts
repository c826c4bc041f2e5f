// The plugin against the built CLI run as a process on the same files (b36-against-cli, b37-refresh-on-save).
import { expect, vi } from "vitest";
import type { RegenerateReport } from "../../src/core/regenerate";
import { listFiles, makeVault, read, runCli } from "../cli/cli-helpers";
import { DATA_JSON } from "./setup";

/** The plugin's day in these tests (tests/plugin/setup.ts: noon of 2026-01-01 on the local clock). */
export const TODAY = "2026-01-01";

export interface CliRun {
  files: Map<string, string>;
  /** `file: message`, sorted. */
  warnings: string[];
}

/** One run of the built CLI (`cli`), as a process, on these files and settings (data.json), `--today` the plugin's day. */
export function cliRun(cli: string, files: ReadonlyMap<string, string> | Record<string, string>, settings: unknown = {}, extra: string[] = []): CliRun {
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  const vault = makeVault({ ...Object.fromEntries(entries), [DATA_JSON]: JSON.stringify(settings) });
  const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return {
    files: new Map(listFiles(vault).filter((p) => p.endsWith(".md")).map((p) => [p, read(vault, p)])),
    warnings: r.warnings.map((w) => w.slice("warning: ".length)).sort(),
  };
}

/** The warnings the plugin logs (`file: message`, sorted), taken since the last call. */
export function loggedWarnings(): () => string[] {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  return () => {
    const out = warn.mock.calls.map((c) => String(c[0]).replace(/^Customer Pages: /u, "")).sort();
    warn.mockClear();
    return out;
  };
}

/** The pages of each round the plugin runs from now on. */
export function roundsOf(plugin: unknown): string[][] {
  const rounds: string[][] = [];
  const spied = plugin as { afterRound(report: RegenerateReport, automatic: boolean): void };
  const afterRound = spied.afterRound.bind(plugin);
  vi.spyOn(spied, "afterRound").mockImplementation((report, automatic) => {
    rounds.push(report.pages.map((p) => p.path));
    afterRound(report, automatic);
  });
  return rounds;
}
