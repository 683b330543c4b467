// A tiny observable value, and a hook that re-renders a component when one changes.
import { useEffect, useState } from 'preact/hooks';

export function signal(initial) {
  let value = initial;
  const listeners = new Set();
  return {
    get value() { return value; },
    set value(next) {
      if (next === value) return;
      value = next;
      listeners.forEach((l) => l(next));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useSignal(s) {
  const [, setTick] = useState(0);
  useEffect(() => s.subscribe(() => setTick((n) => n + 1)), [s]);
  return s.value;
}
