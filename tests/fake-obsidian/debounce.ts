import { scheduler } from "./scheduler";

export interface Debouncer<T extends unknown[], V> {
  (...args: [...T]): this;
  cancel(): this;
  run(): V | void;
}

/**
 * Obsidian's debounce: the first call arms a timer; later calls only replace the arguments.
 * Without `resetTimer` the callback fires `timeout` ms after the *first* pending call; with it,
 * every call pushes the deadline to `timeout` ms after the *latest* call. Either way the callback
 * gets the latest arguments, once.
 */
export function debounce<T extends unknown[], V>(
  cb: (...args: [...T]) => V,
  timeout = 0,
  resetTimer = false,
): Debouncer<T, V> {
  return labeledDebounce(cb, timeout, resetTimer, "debounce");
}

/**
 * @internal The app's own debouncers carry another label, so the harness can tell a plugin's
 * pending debounced call (a possible leak after unload) from Obsidian's.
 */
export function labeledDebounce<T extends unknown[], V>(
  cb: (...args: [...T]) => V,
  timeout: number,
  resetTimer: boolean,
  label: string,
): Debouncer<T, V> {
  let timer: number | null = null;
  let deadline = 0;
  let args: [...T] | null = null;
  let self: unknown = null;

  const fire = (): V => {
    const a = args as [...T];
    const ctx = self;
    args = null;
    self = null;
    return cb.apply(ctx, a);
  };

  const onTimeout = (): void => {
    if (resetTimer) {
      const now = scheduler.now();
      if (now < deadline) {
        timer = scheduler.setTimeout(onTimeout, deadline - now, label);
        return;
      }
    }
    timer = null;
    fire();
  };

  const debounced = function (this: unknown, ...callArgs: [...T]) {
    self = this;
    args = callArgs;
    if (resetTimer) deadline = scheduler.now() + timeout;
    if (timer === null) timer = scheduler.setTimeout(onTimeout, timeout, label);
    return debounced;
  } as Debouncer<T, V>;

  debounced.cancel = () => {
    if (timer !== null) {
      scheduler.clear(timer);
      timer = null;
    }
    args = null;
    return debounced;
  };

  debounced.run = (): V | void => {
    if (timer === null) return;
    scheduler.clear(timer);
    timer = null;
    return fire();
  };

  return debounced;
}
