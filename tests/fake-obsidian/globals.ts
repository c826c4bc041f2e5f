import { scheduler } from "./scheduler";

// Obsidian extends built-in prototypes at startup and its type definitions declare them globally,
// so plugin code that type-checks may call `arr.first()` or `str.contains()`. Without these the
// plugin would crash under the fake while working in Obsidian. Non-enumerable, and never
// replacing something that already exists.

function define(target: object, name: string, value: unknown): void {
  if (Object.prototype.hasOwnProperty.call(target, name)) return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

let installed = false;

export function installGlobalExtensions(): void {
  if (installed) return;
  installed = true;

  define(Object, "isEmpty", (obj: Record<string, unknown>) => {
    for (const key in obj) if (Object.prototype.hasOwnProperty.call(obj, key)) return false;
    return true;
  });
  define(
    Object,
    "each",
    <T>(obj: Record<string, T>, cb: (value: T, key?: string) => boolean | void, ctx?: unknown): boolean => {
      for (const key in obj) {
        if (Object.prototype.hasOwnProperty.call(obj, key) && cb.call(ctx, obj[key] as T, key) === false) {
          return false;
        }
      }
      return true;
    },
  );

  define(Array, "combine", <T>(arrays: T[][]): T[] => ([] as T[]).concat(...arrays));
  const arr = Array.prototype;
  define(arr, "first", function (this: unknown[]) {
    return this.length ? this[0] : undefined;
  });
  define(arr, "last", function (this: unknown[]) {
    return this.length ? this[this.length - 1] : undefined;
  });
  define(arr, "contains", function (this: unknown[], target: unknown) {
    return this.indexOf(target) !== -1;
  });
  define(arr, "remove", function (this: unknown[], target: unknown) {
    for (let i = this.length - 1; i >= 0; i--) if (this[i] === target) this.splice(i, 1);
  });
  define(arr, "shuffle", function (this: unknown[]) {
    for (let i = this.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [this[i], this[j]] = [this[j], this[i]];
    }
    return this;
  });
  define(arr, "unique", function (this: unknown[]) {
    return Array.from(new Set(this));
  });
  define(arr, "findLastIndex", function (this: unknown[], predicate: (value: unknown) => boolean) {
    for (let i = this.length - 1; i >= 0; i--) if (predicate(this[i])) return i;
    return -1;
  });

  define(Math, "clamp", (value: number, min: number, max: number) => Math.min(max, Math.max(min, value)));
  define(Math, "square", (value: number) => value * value);

  define(String, "isString", (obj: unknown) => typeof obj === "string" || obj instanceof String);
  define(String.prototype, "contains", function (this: string, target: string) {
    return this.indexOf(target) !== -1;
  });
  define(String.prototype, "format", function (this: string, ...args: string[]) {
    return this.replace(/{(\d+)}/g, (match, n: string) => args[Number(n)] ?? match);
  });
  define(Number, "isNumber", (obj: unknown) => typeof obj === "number" || obj instanceof Number);

  const g = globalThis as Record<string, unknown>;
  define(g, "isBoolean", (obj: unknown) => typeof obj === "boolean" || obj instanceof Boolean);
  // Obsidian's `sleep` is a window timer; here it runs on the harness clock like every other delay.
  define(g, "sleep", (ms: number) => new Promise<void>((resolve) => scheduler.setTimeout(resolve, ms, "sleep")));
  define(g, "nextFrame", () => new Promise<void>((resolve) => scheduler.setTimeout(resolve, 0, "nextFrame")));
  define(g, "ready", (fn: () => unknown) => {
    void Promise.resolve().then(fn);
  });
  define(g, "ajax", () => {
    throw new Error("fake-obsidian: ajax() has no network in tests");
  });
  define(g, "ajaxPromise", () => Promise.reject(new Error("fake-obsidian: ajaxPromise() has no network in tests")));
}
