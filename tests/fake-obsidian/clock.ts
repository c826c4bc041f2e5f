import { scheduler } from "./scheduler";

// In Obsidian, `debounce`, `window.setTimeout` and `Date.now()` all follow one real clock; plugin
// code mixes them (a debounced refresh that compares `Date.now()` with the last keystroke, a
// fallback `window.setTimeout`). The harness therefore puts the global timers and `Date` on the
// fake clock too, as vitest's fake timers would, so time moves for all of them together.

type TimerFn = (handler: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => number;

const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);
const realClearTimeout = globalThis.clearTimeout;

/** Wall-clock time, whatever the fake clock says. */
export function realDateNow(): number {
  return realNow();
}

const FakeDate = new Proxy(RealDate, {
  construct(target, args: unknown[], newTarget) {
    return Reflect.construct(target, args.length ? args : [scheduler.now()], newTarget) as object;
  },
  apply() {
    return new RealDate(scheduler.now()).toString();
  },
  get(target, prop, receiver) {
    if (prop === "now") return () => scheduler.now();
    return Reflect.get(target, prop, receiver) as unknown;
  },
});

const fakeSetTimeout: TimerFn = (handler, delay = 0, ...args) =>
  scheduler.setTimeout(() => handler(...args), Number(delay) || 0, "timer");
const fakeSetInterval: TimerFn = (handler, delay = 0, ...args) =>
  scheduler.setInterval(() => handler(...args), Number(delay) || 0, "interval");
const fakeClear = (id: unknown): void => {
  if (typeof id === "number") scheduler.clear(id);
  // Handles from the real timers (created before the fake clock was installed) still clear.
  else if (id) realClearTimeout(id as Parameters<typeof clearTimeout>[0]);
};

const TIMER_KEYS = ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] as const;
let saved: { target: Record<string, unknown>; descriptors: Map<string, PropertyDescriptor | undefined> }[] | null = null;

function targets(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [globalThis as unknown as Record<string, unknown>];
  const win = (globalThis as { window?: unknown }).window;
  if (win && win !== globalThis) out.push(win as Record<string, unknown>);
  return out;
}

export function installFakeClock(): void {
  if (saved) return;
  saved = targets().map((target) => ({
    target,
    descriptors: new Map(TIMER_KEYS.map((k) => [k, Object.getOwnPropertyDescriptor(target, k)])),
  }));
  (globalThis as { Date: DateConstructor }).Date = FakeDate;
  for (const { target } of saved) {
    target.setTimeout = fakeSetTimeout;
    target.clearTimeout = fakeClear;
    target.setInterval = fakeSetInterval;
    target.clearInterval = fakeClear;
  }
}

export function uninstallFakeClock(): void {
  if (!saved) return;
  (globalThis as { Date: DateConstructor }).Date = RealDate;
  for (const { target, descriptors } of saved) {
    for (const [key, descriptor] of descriptors) {
      if (descriptor) Object.defineProperty(target, key, descriptor);
      else delete target[key];
    }
  }
  saved = null;
}
