import { useEffect, useRef, useState } from 'react';

/**
 * The value, but changing at most once per `ms` (the latest value always
 * lands). Used for index versions: during a sync the catalog / level indexes
 * change many times a second, and rebuilding a 50 000-row list on each
 * change would stall scrolling.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = lastAt.current + ms - Date.now();
    const apply = () => {
      lastAt.current = Date.now();
      setShown(value);
    };
    if (wait <= 0) {
      apply();
      return;
    }
    const id = setTimeout(apply, wait);
    return () => clearTimeout(id);
  }, [value, shown, ms]);
  return shown;
}
