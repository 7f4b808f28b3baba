import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

/** State of a value loaded asynchronously. */
export type AsyncValue<T> =
  | { loading: true; error?: undefined; value?: undefined }
  | { loading: false; error: Error; value?: undefined }
  | { loading: false; error?: undefined; value: T };

/**
 * Runs `load` whenever `deps` change and tracks its result. A result that
 * arrives after newer deps were requested is dropped. `retry` runs it again
 * from the loading state; `refresh` runs it again while the current value
 * stays shown (after a change the page made itself).
 */
export function useAsyncValue<T>(
  load: () => Promise<T>,
  deps: DependencyList,
): AsyncValue<T> & { retry: () => void; refresh: () => void } {
  const [state, setState] = useState<AsyncValue<T>>({ loading: true });
  const [attempt, setAttempt] = useState(0);
  const keepValue = useRef(false);

  useEffect(() => {
    let current = true;
    const keep = keepValue.current;
    keepValue.current = false;
    if (!keep) setState({ loading: true });
    load().then(
      value => {
        if (current) setState({ loading: false, value });
      },
      error => {
        if (current) {
          setState({
            loading: false,
            error: error instanceof Error ? error : new Error(String(error)),
          });
        }
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const retry = useCallback(() => {
    keepValue.current = false;
    setAttempt(n => n + 1);
  }, []);
  const refresh = useCallback(() => {
    keepValue.current = true;
    setAttempt(n => n + 1);
  }, []);
  return { ...state, retry, refresh };
}
