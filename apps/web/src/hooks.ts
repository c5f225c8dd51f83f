import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type Submission } from './api';
import { followSubmission } from './sse';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads data once per key; aborts on change or unmount. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, loading: false }),
      (error) => !ctl.signal.aborted && setState({ error, loading: false }),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

const finished = (s: Submission) => s.status === 'done' || s.status === 'failed';
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Follows one submission live: the SSE stream first; if it breaks, the submission is read again and
 * the stream reopened (the first event is always the current state, so nothing is missed).
 * Bump `generation` to start following again (after a rejudge).
 */
export function useLiveSubmission(id: string | null, generation = 0) {
  const [submission, setSubmission] = useState<Submission | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [streamProblem, setStreamProblem] = useState(false);
  const current = useRef<Submission | null>(null);
  const followed = useRef<string | null>(null);

  useEffect(() => {
    setError(null);
    setStreamProblem(false);
    // A new generation of the same submission keeps showing the last state until the stream answers.
    if (followed.current !== id) {
      setSubmission(null);
      current.current = null;
    }
    followed.current = id;
    if (!id) return;
    const ctl = new AbortController();
    const set = (s: Submission) => {
      current.current = s;
      setSubmission(s);
    };
    void (async () => {
      for (let attempt = 0; !ctl.signal.aborted; attempt++) {
        try {
          await followSubmission(
            id,
            (e) => {
              if (e.type === 'snapshot' || e.type === 'result') set(e.data);
              else if (e.type === 'status' && current.current) set({ ...current.current, status: e.data.status });
              else if (e.type === 'test' && current.current) {
                const tests = [...current.current.tests];
                const idx = e.data.ordinal - 1;
                const row = {
                  name: e.data.name,
                  verdict: e.data.verdict,
                  timeMs: e.data.timeMs,
                  memoryKb: e.data.memoryKb,
                };
                if (idx >= 0 && idx <= tests.length) tests[idx] = { ...tests[idx], ...row };
                else tests.push(row);
                set({ ...current.current, status: 'running', tests });
              }
            },
            ctl.signal,
          );
        } catch (e) {
          if (ctl.signal.aborted) return;
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
            setError(e);
            return;
          }
          setStreamProblem(true);
        }
        if (ctl.signal.aborted) return;
        if (current.current && finished(current.current)) {
          setStreamProblem(false);
          return;
        }
        // The stream ended early: read the state, then listen again after a short pause.
        try {
          const s = await api.submission(id, ctl.signal);
          set(s);
          if (finished(s)) {
            setStreamProblem(false);
            return;
          }
        } catch (e) {
          if (ctl.signal.aborted) return;
          if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
            setError(e);
            return;
          }
        }
        await sleep(Math.min(5000, 500 * 2 ** Math.min(attempt, 4)), ctl.signal);
      }
    })();
    return () => ctl.abort();
    // `generation` changes after a rejudge: follow the submission afresh.
  }, [id, generation]);

  return { submission, error, streamProblem };
}
